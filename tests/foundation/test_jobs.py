"""``wasl.jobs``: work is handed on only once the outermost transaction commits, and every job's queue is served."""

from sqlalchemy import text

from wasl import jobs
from wasl.archive.tasks import ARCHIVE
from wasl.db import db
from wasl.exports.tasks import EXPORT
from wasl.imports.tasks import IMPORT
from wasl.notifications.cli import served_queues

SELECT_7 = text("SELECT 7").execution_options(touches_tenant_data=False)


def test_a_hook_runs_once_the_outermost_transaction_commits_with_each_item_once(db_session):
    seen = []
    db.session.execute(SELECT_7)
    for item in (1, 2, 1):
        jobs.after_commit(db.session, seen.append, item)
    db.session.begin_nested().commit()  # a savepoint is not the end of the transaction
    assert seen == []
    db.session.commit()
    assert seen == [[1, 2]]
    db.session.commit()
    assert seen == [[1, 2]]


def test_a_rollback_forgets_what_it_would_have_handed_on(db_session):
    seen = []
    db.session.execute(SELECT_7)
    jobs.after_commit(db.session, seen.append, 1)
    db.session.rollback()
    db.session.commit()
    assert seen == []


def test_a_hook_may_use_the_session_again(db_session):
    answers = []
    jobs.after_commit(db.session, lambda items: answers.append(db.session.scalar(SELECT_7)), 1)
    db.session.commit()
    assert answers == [7]


def test_every_long_job_goes_to_a_queue_the_worker_serves(app, monkeypatch):
    monkeypatch.setitem(app.config, "WASL_EXPORT_QUEUE", "jobs-test")
    assert jobs.queue_name() == "jobs-test" and "jobs-test" in served_queues()
    assert {kind.entry_point.__module__ for kind in (EXPORT, IMPORT, ARCHIVE)} == {
        "wasl.exports.tasks", "wasl.imports.tasks", "wasl.archive.tasks"}
