"""The programme's figures for a round, nationally or for one province: what the dashboards show
and the Word/PDF/Excel reports reuse.

Every figure is a database aggregate: a selector runs a fixed number of queries whatever the
number of provinces, units or results. Definitions used throughout:

- *registered*: units enrolled in the round; *assessed*: their assessments past the draft
  (submitted at least once: submitted, returned, approved, recognised or rejected);
- verdict levels (đạt / đạt cơ bản / chưa đạt) are counted among the assessed units, from the
  verdict the services keep on each assessment; drafts count as *not assessed*;
- *progress*: the share of the province's phường recognised in the round, against the target
  (minimum and stretch %) of the target year.
"""

from kieumau.reports.analytics.base import ASSESSED_STATES
from kieumau.reports.analytics.leadership import (
    PARTY_KINDS,
    PLAN_KINDS,
    DocumentFigures,
    ProvinceResources,
    ResourceFigures,
    directive_documents_summary,
    document_figures,
    resource_figures,
)
from kieumau.reports.analytics.results import (
    CriterionUnmet,
    ProvinceFigures,
    RoundFigures,
    criteria_total,
    criteria_unmet,
    province_figures,
    round_figures,
    units_meeting,
)
from kieumau.reports.analytics.targets import (
    NationalTarget,
    TargetProgress,
    national_target,
    province_target_progress,
    target_year,
)
from kieumau.reports.analytics.trend import (
    FINAL_TARGET_YEAR,
    Forecast,
    TrendPoint,
    forecast_from,
    forecasts,
    national_trend,
    province_correspondence,
    province_trends,
)
from kieumau.reports.analytics.units import (
    Delays,
    Practice,
    ProvinceDelays,
    UnitResult,
    delays,
    exemplary_units,
    good_practices,
    unit_results,
)

__all__ = [
    "ASSESSED_STATES",
    "FINAL_TARGET_YEAR",
    "PARTY_KINDS",
    "PLAN_KINDS",
    "CriterionUnmet",
    "Delays",
    "DocumentFigures",
    "Forecast",
    "NationalTarget",
    "Practice",
    "ProvinceDelays",
    "ProvinceFigures",
    "ProvinceResources",
    "ResourceFigures",
    "RoundFigures",
    "TargetProgress",
    "TrendPoint",
    "UnitResult",
    "criteria_total",
    "criteria_unmet",
    "delays",
    "directive_documents_summary",
    "document_figures",
    "exemplary_units",
    "forecast_from",
    "forecasts",
    "good_practices",
    "national_target",
    "national_trend",
    "province_correspondence",
    "province_figures",
    "province_target_progress",
    "province_trends",
    "resource_figures",
    "round_figures",
    "target_year",
    "unit_results",
    "units_meeting",
]
