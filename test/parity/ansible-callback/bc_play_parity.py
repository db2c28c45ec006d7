# Per-task results of an ansible-playbook run as one JSON document on stdout, in the shape of the
# `json` callback (plays[].tasks[].hosts.HOST = the module's result). ansible-core does not ship
# that callback (it is in the `ansible` collections package); the parity suite needs only this.
import json

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'bc_play_parity'

    def __init__(self):
        super().__init__()
        self.plays = []

    def v2_playbook_on_play_start(self, play):
        self.plays.append({'play': play.get_name(), 'tasks': []})

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.plays[-1]['tasks'].append({'task': task.get_name(), 'handler': False, 'hosts': {}})

    def v2_playbook_on_handler_task_start(self, task):
        self.plays[-1]['tasks'].append({'task': task.get_name(), 'handler': True, 'hosts': {}})

    def record(self, result, **flags):
        outcome = dict(result._result)
        outcome.update(flags)
        self.plays[-1]['tasks'][-1]['hosts'][result._host.get_name()] = outcome

    def v2_runner_on_ok(self, result):
        self.record(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.record(result, failed=True)

    def v2_runner_on_skipped(self, result):
        self.record(result, skipped=True)

    def v2_runner_on_unreachable(self, result):
        self.record(result, unreachable=True)

    def v2_playbook_on_stats(self, stats):
        recap = {host: stats.summarize(host) for host in sorted(stats.processed.keys())}
        self._display.display(json.dumps({'plays': self.plays, 'recap': recap}, default=str))
