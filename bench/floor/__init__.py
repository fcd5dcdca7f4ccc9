"""The framework floor of the HTTP benchmark: a bare Django project whose one view runs
exactly one query and renders one template. Served by gunicorn with Manchette's own
settings file (deploy/gunicorn.conf.py, same worker count), it tells what Django itself
costs on this machine, below which no Django page can go.

    PYTHONPATH=bench DJANGO_SETTINGS_MODULE=floor.settings FLOOR_DB=/tmp/floor.sqlite3 \\
        .venv/bin/python -m floor.load article.json   # one story in the database
    PYTHONPATH=bench DJANGO_SETTINGS_MODULE=floor.settings FLOOR_DB=/tmp/floor.sqlite3 \\
        .venv/bin/gunicorn --config deploy/gunicorn.conf.py floor.wsgi
"""
