"""``kieumau bench``: the whole country in PostgreSQL, then pages, reports, imports and load.

dataset    builds the national dataset (every commune of the current map over five rounds, and
           the 2023 map's round) with bulk inserts, and the bench accounts (accounts.py);
pages      server time of the main pages, in process, against the baseline page;
reports    the national report in each format; imports: the largest province's workbook;
load       locust, headless, against gunicorn: many officers at once, then a check that every
           acknowledged write is in the database;
results    one table printed and one JSON file under bench/results/.

See docs/performance.md.
"""
