"""What an import did, kind by kind, and everything the newsroom should look at."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = {
    "author": gettext_lazy("auteurs"),
    "user": gettext_lazy("comptes"),
    "category": gettext_lazy("rubriques"),
    "tag": gettext_lazy("sujets"),
    "image": gettext_lazy("images"),
    "file": gettext_lazy("autres fichiers"),
    "article": gettext_lazy("articles"),
    "page": gettext_lazy("pages"),
    "comment": gettext_lazy("commentaires"),
    "link": gettext_lazy("anciennes adresses"),
    "other": gettext_lazy("autres contenus"),
}
OUTCOMES = {
    "created": gettext_lazy("créés"),
    "updated": gettext_lazy("mis à jour"),
    "unchanged": gettext_lazy("inchangés"),
    "skipped": gettext_lazy("ignorés"),
}


@dataclass
class Entry:
    kind: str
    ref: str
    label: str
    reason: str

    def line(self) -> str:
        label = f" « {self.label} »" if self.label else ""
        return f"{KINDS.get(self.kind, self.kind)} {self.ref}{label} : {self.reason}"


@dataclass
class Collision:
    path: str
    kept: str
    refused: str


@dataclass
class Report:
    source: str = ""
    site: str = ""
    wxr_version: str = ""
    dry_run: bool = False
    seconds: float = 0.0
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    skipped: list[Entry] = field(default_factory=list)
    notes: list[Entry] = field(default_factory=list)
    missing_files: dict[str, list[str]] = field(default_factory=dict)
    refused_files: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    unknown_markup: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    collisions: list[Collision] = field(default_factory=list)
    pings: int = 0
    renditions_queued: int = 0
    files_copied: int = 0
    without_media_dir: int = 0
    phases: dict[str, float] = field(default_factory=dict)

    def count(self, kind: str, outcome: str, number: int = 1) -> None:
        self.counts[kind][outcome] += number

    def skip(self, kind: str, ref: str, label: str, reason: str) -> None:
        self.count(kind, "skipped")
        self.skipped.append(Entry(kind, ref, label, reason))

    def note(self, kind: str, ref: str, label: str, text: str) -> None:
        self.notes.append(Entry(kind, ref, label, text))

    def unknown(self, markup: str, ref: str) -> None:
        refs = self.unknown_markup[markup]
        if ref not in refs:
            refs.append(ref)

    def collide(self, path: str, kept: str, refused: str) -> None:
        self.collisions.append(Collision(path, kept, refused))

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "seconds": round(self.seconds, 1),
            "counts": {kind: dict(counter) for kind, counter in self.counts.items()},
            "skipped": [entry.__dict__ for entry in self.skipped],
            "notes": [entry.__dict__ for entry in self.notes],
            "missing_files": self.missing_files,
            "refused_files": {
                path: {"reason": reason, "users": users}
                for path, (reason, users) in self.refused_files.items()
            },
            "unknown_markup": dict(self.unknown_markup),
            "collisions": [collision.__dict__ for collision in self.collisions],
            "pings": self.pings,
            "renditions_queued": self.renditions_queued,
            "phases": {name: round(seconds, 2) for name, seconds in self.phases.items()},
        }

    def render(self) -> str:
        lines = [
            (
                _("Simulation (--dry-run) : rien n’a été enregistré.")
                if self.dry_run
                else _("Import WordPress terminé en %(seconds)s s.")
                % {"seconds": f"{self.seconds:.1f}".replace(".", ",")}
            ),
            _("Source : %(source)s (%(site)s, WXR %(version)s).")
            % {"source": self.source, "site": self.site or "?", "version": self.wxr_version},
            "",
        ]
        lines += self._table()
        if self.phases:
            lines += [
                "",
                _("Durées : %s.")
                % " · ".join(
                    f"{name} {seconds:.1f} s".replace(".", ",")
                    for name, seconds in self.phases.items()
                ),
            ]
        if self.pings:
            lines += ["", _("Rétroliens et pings ignorés : %d.") % self.pings]
        if self.renditions_queued:
            lines += [
                "",
                _(
                    "%d images attendent leurs déclinaisons, faites en arrière-plan par "
                    "« manage.py run_tasks » ; les pages montrent l’original en attendant."
                )
                % self.renditions_queued,
            ]
        if self.without_media_dir:
            lines += [
                "",
                _(
                    "Sans --media-dir, aucun fichier n’a été copié : %d pièces jointes restent "
                    "à importer. Relancez la commande avec --media-dir et une copie de "
                    "wp-content/uploads."
                )
                % self.without_media_dir,
            ]
        lines += self._section(_("Éléments ignorés"), [entry.line() for entry in self.skipped])
        lines += self._section(
            _("Fichiers manquants dans --media-dir"),
            [
                _("%(path)s (pour %(users)s)") % {"path": path, "users": ", ".join(users)}
                if users
                else path
                for path, users in sorted(self.missing_files.items())
            ],
        )
        lines += self._section(
            _("Fichiers refusés, non copiés (leur adresse reste celle de WordPress)"),
            [
                _("%(path)s : %(reason)s (pour %(users)s)")
                % {"path": path, "reason": reason, "users": ", ".join(users)}
                for path, (reason, users) in sorted(self.refused_files.items())
            ],
        )
        lines += self._section(
            _("Codes courts et blocs non convertis"),
            [
                _("%(markup)s dans %(count)d contenus : %(refs)s")
                % {
                    "markup": markup,
                    "count": len(refs),
                    "refs": ", ".join(refs[:10]) + (" …" if len(refs) > 10 else ""),
                }
                for markup, refs in sorted(self.unknown_markup.items())
            ],
        )
        lines += self._section(
            _("Anciennes adresses en conflit (la première gardée)"),
            [
                _("%(path)s : gardée pour %(kept)s, refusée pour %(refused)s") % collision.__dict__
                for collision in self.collisions
            ],
        )
        lines += self._section(_("À vérifier"), [entry.line() for entry in self.notes])
        return "\n".join(lines)

    def _table(self) -> list[str]:
        width = max(len(str(label)) for label in KINDS.values())
        header = " " * width + "".join(f"{str(label):>12}" for label in OUTCOMES.values())
        rows = [header]
        for kind, label in KINDS.items():
            counter = self.counts.get(kind)
            if not counter:
                continue
            cells = "".join(f"{counter.get(outcome, 0):>12}" for outcome in OUTCOMES)
            rows.append(f"{str(label):<{width}}{cells}")
        return rows

    @staticmethod
    def _section(title: str, lines: list[str]) -> list[str]:
        if not lines:
            return []
        return ["", f"{title} ({len(lines)}) :"] + [f"  {line}" for line in lines]
