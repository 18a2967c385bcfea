"""axe-core in the page (the npm package, installed by `make test`; nothing is downloaded
while the tests run) and the layout checks the meeting room needs."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
RULES = ("color-contrast", "heading-order", "image-alt")


def axe_violations(page, rules: tuple[str, ...] = RULES) -> list[dict]:
    """Run axe-core's ``rules`` on the page; the violations, each with its failing nodes."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} missing: run `make axe` (npm install axe-core)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (rules) => {
            const result = await axe.run(document, {
                runOnly: { type: "rule", values: rules },
                resultTypes: ["violations"],
            });
            return result.violations.map((v) => ({
                id: v.id,
                help: v.help,
                nodes: v.nodes.slice(0, 8).map((n) => ({
                    target: n.target.join(" "),
                    summary: n.failureSummary,
                    html: n.html.slice(0, 200),
                })),
            }));
        }""",
        list(rules),
    )


def describe(violations: list[dict]) -> str:
    """Violations as lines a person can act on."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']}: {v['help']}")
        for node in v["nodes"]:
            lines.append(f"  {node['target']}\n    {node['html']}\n    {node['summary']}")
    return "\n".join(lines)


# Elements whose right or left edge lies outside the main column (ignoring what an
# ancestor clips on purpose and Streamlit's hidden helpers), and scroll boxes that scroll
# sideways: what makes a page wider than the screen or cuts a table.
OVERFLOW_JS = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const box = main.getBoundingClientRect();
    const style = getComputedStyle(main);
    const left = box.left + parseFloat(style.paddingLeft) - 2;
    const right = box.right - parseFloat(style.paddingRight) + 2;
    const clipped = (el) => {
        for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.overflowX !== "visible" || s.overflow === "hidden") return true;
        }
        return false;
    };
    const out = [];
    for (const el of main.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (getComputedStyle(el).visibility === "hidden") continue;
        if (getComputedStyle(el).cursor.endsWith("resize")) continue;  // a table's resize grip
        if ((r.right > right || r.left < left) && !clipped(el)) {
            out.push(`${el.tagName}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}] outside [${Math.round(left)}, ${Math.round(right)}]`);
        }
        const s = getComputedStyle(el);
        // Streamlit's tab bar scrolls sideways on purpose, with an arrow button to do it.
        const tabBar = el.getAttribute("role") === "tablist" || el.querySelector(":scope > [role=tablist]");
        if (!tabBar && (s.overflowX === "auto" || s.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 2) {
            out.push(`${el.tagName}.${el.className} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
        }
    }
    // A number cut short with an ellipsis ("468,000…") is a number the room cannot read.
    for (const el of main.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *')) {
        if (getComputedStyle(el).textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1) {
            out.push(`metric value cut: ${el.textContent} (${el.scrollWidth} > ${el.clientWidth})`);
        }
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    return out.slice(0, 12);
}"""

# Each chart's plot area (the part with the bars) as a share of the main column's width.
CHART_SHARE_JS = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const style = getComputedStyle(main);
    const width = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [...document.querySelectorAll('.js-plotly-plot')].map((plot) => {
        const area = plot.querySelector('.nsewdrag') || plot.querySelector('.draglayer .xy rect');
        const w = area ? area.getBoundingClientRect().width : 0;
        return w / width;
    });
}"""

# Text cut at a table's column edge. st.dataframe draws its cells on a canvas, so the DOM
# cannot say; the pixels can. A column's edges are the thin lines darker than both
# neighbours from top to bottom; a cell's text ends its cell's padding (8 px) before the
# edge, so ink in the last 3 px before an edge is text the column cut ("사회보장사" + half a
# "업"). Headers and cells are both drawn, each table's canvases are all read. A table whose
# canvas or accessible header row is not drawn yet says so (wait on TABLES_DRAWN_JS first).
TABLE_CLIP_JS = """() => {
    const lum = (d, i) => 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
    const out = [];
    document.querySelectorAll('[data-testid="stDataFrame"]').forEach((grid, g) => {
        const r = grid.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return;
        const heads = [...grid.querySelectorAll('[role=columnheader]')].map((t) => t.textContent);
        for (const canvas of grid.querySelectorAll('canvas')) {
            const w = canvas.width, h = canvas.height;
            if (!w || !h) continue;
            const d = canvas.getContext('2d').getImageData(0, 0, w, h).data;
            const counts = new Map();
            for (let i = 0; i < d.length; i += 28) {
                const l = Math.round(lum(d, i));
                counts.set(l, (counts.get(l) || 0) + 1);
            }
            const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
            const edges = [];
            for (let x = 1; x < w; x++) {
                let n = 0;
                for (let y = 0; y < h; y++) {
                    const i = (y * w + x) * 4, l = lum(d, i);
                    if (l < lum(d, i - 4) - 4 && (x === w - 1 || l < lum(d, i + 4) - 4)) n++;
                }
                if (n > 0.8 * h && (!edges.length || x - edges[edges.length - 1] > 4)) edges.push(x);
            }
            if (!edges.length || w - edges[edges.length - 1] > 4) edges.push(w);
            if (!heads.length || edges.length < heads.length) {
                out.push(`table ${g} not drawn yet`);
                continue;
            }
            edges.forEach((right, k) => {
                let ink = 0;
                for (let x = right - 3; x < right; x++)
                    for (let y = 0; y < h; y++)
                        if (Math.abs(lum(d, (y * w + x) * 4) - bg) > 90) ink++;
                const shift = edges.length - heads.length;  // 1 with a row-selection column
                const name = heads[k - shift] ?? (k < shift ? "row marker" : `column ${k}`);
                if (ink > 2) out.push(`table ${g} column '${name}' cuts its text (${ink} px of ink at its edge)`);
            });
        }
    });
    return out;
}"""

TABLES_DRAWN_JS = f"() => !({TABLE_CLIP_JS})().some((p) => p.endsWith('not drawn yet'))"
