"""Pictures of the network views (matplotlib, headless): the endorsement network coloured by
community and mode, and vote shares by election. Fixed seeds and hash salt keep the files stable."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.queries import QueryResult

SEED = 42  # Louvain and layouts are randomised; a fixed seed keeps files and pictures stable
MODE_COLOURS = {"support": "#1f77b4", "nomination": "#d62728"}
COMMUNITY_COLOURS = [
    "#8dd3c7",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#bebada",
    "#ffffb3",
    "#bc80bd",
    "#ccebc5",
]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = str(SEED)
    return plt


def draw_endorsements(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Labelled actors coloured by community, arrows coloured by mode (support, nomination)."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(13, 9), dpi=110)
    axes.set_axis_off()
    axes.set_title("Endorsements: who backs whom", fontsize=15)
    if graph.number_of_nodes():
        layout = (
            nx.kamada_kawai_layout(nx.Graph(graph))
            if graph.number_of_nodes() > 2
            else nx.spring_layout(graph, seed=SEED)
        )
        layout = {n: layout[n] for n in sorted(layout)}
        colours = [COMMUNITY_COLOURS[graph.nodes[n].get("community", 0) % len(COMMUNITY_COLOURS)] for n in layout]
        sizes = [600 + 6000 * graph.nodes[n].get("pagerank", 0) for n in layout]
        nx.draw_networkx_nodes(
            graph, layout, nodelist=list(layout), node_color=colours, node_size=sizes, edgecolors="#444444", ax=axes
        )
        for mode, colour in MODE_COLOURS.items():
            edges = sorted({(a, b) for a, b, d in graph.edges(data=True) if d.get("mode") == mode})
            nx.draw_networkx_edges(
                graph,
                layout,
                edgelist=edges,
                edge_color=colour,
                width=2,
                arrowsize=20,
                node_size=sizes,
                min_target_margin=14,
                connectionstyle="arc3,rad=0.08",
                ax=axes,
            )
        labels = {n: _wrap(graph.nodes[n]["label"]) for n in layout}
        offset = {n: (x, y - 0.07) for n, (x, y) in layout.items()}
        nx.draw_networkx_labels(
            graph,
            offset,
            labels=labels,
            font_size=9,
            verticalalignment="top",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 1},
            ax=axes,
        )
        handles = [plt.Line2D([0], [0], color=c, lw=2, label=m) for m, c in MODE_COLOURS.items()]
        axes.legend(handles=handles, title="mode", loc="lower left", frameon=False)
        axes.margins(0.12)
    else:
        axes.text(0.5, 0.5, "no endorsements", ha="center", va="center")
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)
    return path


def _wrap(label: str, width: int = 22) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def draw_vote_shares(shares: QueryResult, path: Path) -> Path:
    """One panel per election: each candidate's share per round; hatched bars are partial counts."""
    plt = _pyplot()
    by_election: dict[str, dict[tuple[str, str], tuple[float, bool]]] = defaultdict(dict)
    for row in shares.records():
        key = (str(row["round"]), str(row["person_name"]))
        value = (float(row["vote_share"] or 0), row["partial"] is True)
        by_election[str(row["election"])].setdefault(key, value)  # first report per round and candidate
    elections = sorted(by_election)
    figure, panels = plt.subplots(
        max(1, len(elections)), 1, figsize=(11, 2.2 + 2.6 * max(1, len(elections))), dpi=110, squeeze=False
    )
    for axes, election in zip(panels[:, 0], elections, strict=False):
        rows = sorted(by_election[election].items(), key=lambda item: (item[0][0], -item[1][0]))
        labels = [f"round {r}: {name}" for (r, name), _ in rows]
        values = [v for _, (v, _) in rows]
        bars = axes.barh(range(len(rows)), values, color=["#80b1d3" if r == "1" else "#fb8072" for (r, _), _ in rows])
        for bar, (_, (share, partial)) in zip(bars, rows, strict=True):
            if partial:
                bar.set_hatch("//")
            axes.text(bar.get_width() + 0.5, bar.get_y() + bar.get_height() / 2, f"{share:g}%", va="center", fontsize=9)
        axes.set_yticks(range(len(rows)), labels, fontsize=9)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel("vote share (%); hatched: partial count")
        axes.set_title(election, fontsize=11)
    if not elections:
        panels[0, 0].text(0.5, 0.5, "no vote shares", ha="center", va="center")
        panels[0, 0].set_axis_off()
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)
    return path
