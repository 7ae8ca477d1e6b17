"""``flask --app wsgi worker [--burst] [QUEUE...]``: an RQ worker with the app context, the sweep and the scheduler."""

from __future__ import annotations

import logging

import click
from flask import current_app

from wasl.notifications import config


def _show_logs(level: str) -> None:
    """The app's own log lines (warnings, the console provider) next to RQ's, in the worker's output."""
    logger = logging.getLogger("wasl")
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s", "%H:%M:%S"))
        logger.addHandler(handler)


def served_queues() -> list[str]:
    """Every queue the app enqueues on: notifications first (the scheduler books on it), then the long jobs'."""
    from wasl import jobs

    return list(dict.fromkeys([config.setting("QUEUE"), jobs.queue_name()]))


@click.command("worker")
@click.option("--burst", is_flag=True, help="Work until the queues are empty, then exit.")
@click.option("--name", default=None, help="Worker name (default: generated).")
@click.option("--fork", is_flag=True, help="Run each job in a forked work-horse instead of in the worker.")
@click.option("--max-jobs", type=int, default=None, help="Exit after this many jobs (a supervisor restarts it).")
@click.option("--log-level", default="INFO", show_default=True)
@click.argument("queues", nargs=-1)
def worker_command(burst: bool, name: str | None, fork: bool, max_jobs: int | None, log_level: str,
                   queues: tuple[str, ...]):
    """Deliver notifications and run the periodic jobs (outbox sweep, reminders, escalation)."""
    from wasl.notifications.worker import Upkeep, build_worker, prepare

    _show_logs(log_level)
    names = list(queues) or served_queues()
    worker = build_worker(names, name=name, fork=fork)
    prepare(worker)
    upkeep = Upkeep(current_app._get_current_object(), worker, logging_level=log_level)
    click.echo(f"worker {worker.name}: queues {', '.join(names)}, sweep every {upkeep.sweep_every:g} s, scheduler on"
               f"{', forking' if fork else ''}{', burst' if burst else ''}")
    if burst:
        upkeep.run_once()  # sweep and move due jobs now, then work until the queues are empty
        worker.work(burst=True, logging_level=log_level, max_jobs=max_jobs)
        return
    # Sweeping and scheduling run on a thread of this process, so a restarted worker does not wait
    # for the scheduler lock a killed one left in Redis (see wasl.notifications.worker).
    upkeep.start()
    try:
        worker.work(logging_level=log_level, max_jobs=max_jobs)
    finally:
        upkeep.stop()
