"""The illustrative dataset loaded by ``kieumau demo`` (dữ liệu minh họa).

ILLUSTRATIVE AT UNIT LEVEL. The units, values, documents and figures written here are invented
by a pseudo-random generator with a fixed seed (``SEED``), so every run on an empty database
writes exactly the same records. They are *consistent with the published aggregates* of the
Ministry of Public Security's one-year review of the 2023 pilot ("Báo cáo sơ kết"), not a copy
of any real unit's record:

- round 2023 on the 2023-05 map, default 22-criterion set, quota rule pilot-2023 → 106;
- 172 registrations in all 63 provinces, each province at least its quota (66 over quota);
- 144 units with at least 20 of 22 criteria met (and every mandatory one), 28 with fewer;
  the most often unmet criteria are TC21 > TC22 > TC12 > TC13 > any other;
- party committees of 55 provinces with a resolution, directive or conclusion, 8 further
  provinces with a programme, official letter or plan; People's Committees of 29 provinces
  with a scheme (đề án);
- every registered unit staffed to its norm (all 63 provinces fully staffed);
- the exemplary units named in the review, on their provinces, at 22/22 and recognised;
  Nghi Thu's online public services and Trường Thi's digital transformation as good practices.

A 2025 round on the 2025-07 map (quota: 30% of each province's phường) shows progress that
varies by province; Phường Trường Vinh (16690, Nghệ An) is left as an empty draft for the demo
ward account and Nghệ An's demo province officer has one submitted assessment to review.

Details, the states chosen and who acts: ``DATA.md`` next to this file. Reports never import
this package: they read the records, so editing a record changes the report.
"""

SEED = 20231231
