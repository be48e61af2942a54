"""The insights report: a self-contained HTML page with charts, and CSV files for a business case.

Every count under five is shown as "<5" (and left out of charts), so small numbers cannot point to a
person. Usage: python -m bot insights report --from 2026-11-01 --to 2026-11-30 [--out reports/insights]
"""

from __future__ import annotations

import base64
import csv
import datetime
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.insights.store import InsightsStore

THRESHOLD = 5


def shown(count: int) -> str:
    return str(count) if count >= THRESHOLD else "<5"


@dataclass
class Summary:
    start: datetime.date
    end: datetime.date
    conversations: int
    roles: Counter
    areas_by_week: dict[str, Counter]
    areas: Counter
    followups: Counter
    examples: Counter
    searches: int
    unmet_by_place: Counter
    crisis: int
    feedback: Counter
    feedback_reasons: Counter
    channels: Counter


def summarise(store: InsightsStore, start: datetime.date, end: datetime.date) -> Summary:
    rows = list(
        store.db.query(
            "select conversation, day, channel, kind, value from facts where day >= ? and day <= ? order by day",
            [start.isoformat(), end.isoformat()],
        )
    )
    conversations = {r["conversation"] for r in rows}
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r)
    # One role per conversation (the last one given), each area counted once per conversation.
    roles = Counter({c: v for c, v in ((r["conversation"], r["value"]) for r in by_kind["role"])}.values())
    seen_area = {(r["conversation"], r["value"]): r for r in by_kind["area"]}
    areas = Counter(v for _, v in seen_area)
    areas_by_week: dict[str, Counter] = defaultdict(Counter)
    for (_, value), r in seen_area.items():
        day = datetime.date.fromisoformat(r["day"])
        areas_by_week[(day - datetime.timedelta(days=day.weekday())).isoformat()][value] += 1
    channels = Counter({r["conversation"]: r["channel"] for r in rows}.values())
    return Summary(
        start,
        end,
        len(conversations),
        roles,
        dict(sorted(areas_by_week.items())),
        areas,
        Counter(r["value"] for r in by_kind["followup"]),
        Counter(r["value"] for r in by_kind["example"]),
        len({r["conversation"] for r in by_kind["support_search"]}),
        Counter(r["value"] for r in by_kind["unmet_need"]),
        len(by_kind["crisis"]),
        Counter(r["value"] for r in by_kind["feedback"]),
        Counter(r["value"] for r in by_kind["feedback_reason"]),
        channels,
    )


def _table(title: str, counter: Counter, label: str) -> tuple[str, list[tuple[str, str]]]:
    rows = [(key or "not given", shown(n)) for key, n in counter.most_common()]
    body = (
        "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in rows)
        or "<tr><td colspan=2>none in this period</td></tr>"
    )
    return (
        f"<h2>{html.escape(title)}</h2><table><thead><tr><th>{html.escape(label)}</th><th>count</th></tr></thead>"
        f"<tbody>{body}</tbody></table>",
        rows,
    )


def _chart(counter: Counter, title: str) -> str:
    visible = {k: v for k, v in counter.items() if v >= THRESHOLD}
    if not visible:
        return "<p>Chart left out: every count is under five.</p>"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 0.45 * len(visible) + 1))
    labels, values = zip(*sorted(visible.items(), key=lambda kv: kv[1]))
    ax.barh(labels, values, color="#1d4f91")
    ax.set_title(title)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    encoded = base64.b64encode(buffer.getvalue()).decode()
    return f'<img alt="{html.escape(title)}" src="data:image/png;base64,{encoded}">'


def _weekly_chart(summary: Summary) -> str:
    series = {week: {a: n for a, n in c.items() if n >= THRESHOLD} for week, c in summary.areas_by_week.items()}
    if not any(series.values()):
        return "<p>Chart left out: every weekly count is under five.</p>"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    weeks = list(series)
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for area in sorted({a for c in series.values() for a in c}):
        ax.plot(weeks, [series[w].get(area, 0) for w in weeks], marker="o", label=area)
    ax.set_title("Problem areas raised, by week (counts under five left out)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return f'<img alt="Problem areas by week" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">'


def write_report(summary: Summary, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    sections, exports = [], {}
    for name, title, counter, label in (
        ("roles", "Who used the assistant", summary.roles, "role"),
        ("problem_areas", "Problem areas raised", summary.areas, "area"),
        ("follow_ups", "Follow-ups asked for", summary.followups, "follow-up"),
        ("examples", "Most-read examples", summary.examples, "example"),
        ("unmet_needs", "Unmet needs: no fitting local service found", summary.unmet_by_place, "district or town"),
        ("feedback", "Was this useful?", summary.feedback, "answer"),
        ("feedback_reasons", "Why not", summary.feedback_reasons, "reason"),
        ("channels", "Channels", summary.channels, "channel"),
    ):
        table, rows = _table(title, counter, label)
        sections.append(table + _chart(counter, title))
        exports[name] = (label, rows)
    period = f"{summary.start.isoformat()} to {summary.end.isoformat()}"
    page = f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Insights {period}</title><style>
body{{font:1rem/1.5 system-ui,Arial,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}}
table{{border-collapse:collapse;margin:.5rem 0 1rem}}td,th{{border:1px solid #999;padding:.2rem .6rem;text-align:left}}
img{{max-width:100%}}</style></head><body>
<h1>What people brought to the assistant</h1>
<p>{period}. Anonymous: no message text, no names or ids, places at postcode-district or town level.
Counts under five are shown as &lt;5 and left out of charts.</p>
<ul><li>Conversations: {shown(summary.conversations)}</li>
<li>Conversations that searched for support: {shown(summary.searches)}</li>
<li>Times crisis support was shown: {shown(summary.crisis)}</li></ul>
<h2>Problem areas over time</h2>{_weekly_chart(summary)}
{"".join(sections)}
</body></html>"""
    (out / "report.html").write_text(page, encoding="utf-8")
    for name, (label, rows) in exports.items():
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([label, "count"])
            writer.writerows(rows)
    with (out / "summary.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["measure", "count"])
        writer.writerows(
            [
                ("conversations", shown(summary.conversations)),
                ("searched for support", shown(summary.searches)),
                ("crisis support shown", shown(summary.crisis)),
            ]
        )
    return out / "report.html"
