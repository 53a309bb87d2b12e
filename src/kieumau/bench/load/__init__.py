"""The load test: simulated officers (locust) against gunicorn and PostgreSQL.

locustfile  the officers: sign-in, the pages they read, the criteria they save and submit;
server      gunicorn started and stopped, with production settings behind a "proxy";
run         one level (N users for S seconds): plan, server, locust, result;
writes      the log of acknowledged writes and its check against the database.
"""
