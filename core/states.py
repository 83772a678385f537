"""State machines declared as tables: each workflow object lists its transitions once (action,
from-states, to-state, roles). Guards, the buttons a page shows, the OpenAPI document and the
permission tests read these tables instead of repeating them."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from core.errors import Conflict, Forbidden
from core.i18n import locale_name


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]


class StateMachine:
    def __init__(self, name: str, states: dict, transitions: list[Transition]):
        self.name = name
        self.states = states  # code -> translated label
        self.transitions = {t.action: t for t in transitions}
        self._labels: dict[tuple[str, str], str] = {}  # (locale, state) -> its label in that locale

    def label(self, state: str) -> str:
        """The state's label in the current language; each translated once per language and kept
        (an answer shows one per offer: flask_babel would look the request's translations up and
        translate again each time). The catalogs are loaded once per process, so a label cannot
        change within it; force_locale() is followed (the locale is asked each time)."""
        key = (locale_name(), state)
        found = self._labels.get(key)
        if found is None:
            found = str(self.states.get(state, state))
            if len(self._labels) < 1024:
                self._labels[key] = found
        return found

    def transition(self, action: str) -> Transition:
        return self.transitions[action]

    def check(self, action: str, current: str, role: str) -> str:
        """The target state of action from current by role; 403 for a role that may never do it,
        409 for a state it cannot be done in."""
        t = self.transitions[action]
        if role not in t.roles:
            raise Forbidden(_l("Your role may not do this."))
        if current not in t.sources:
            raise Conflict(
                _l("Cannot %(action)s: it is %(state)s.", action=action.replace("_", " "), state=self.label(current))
            )
        return t.target

    def allowed(self, current: str, role: str) -> list[str]:
        """The actions a role may take now (for the buttons a page shows)."""
        return [a for a, t in self.transitions.items() if current in t.sources and role in t.roles]

    def describe(self) -> dict:
        return {
            "states": list(self.states),
            "transitions": [
                {"action": t.action, "from": list(t.sources), "to": t.target, "roles": list(t.roles)}
                for t in self.transitions.values()
            ],
        }
