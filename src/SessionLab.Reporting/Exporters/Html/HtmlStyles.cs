namespace SessionLab.Reporting.Exporters.Html;

/// <summary>The report's stylesheet, inlined so report.html opens with no network and no sibling files.</summary>
internal static class HtmlStyles
{
    // System font stacks only: a web font would need a download or a large embedded blob.
    public const string Css = """
        :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa; --accent: #0969da;
                --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--fg); background: #fff; line-height: 1.5;
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
        .layout { display: grid; grid-template-columns: 250px minmax(0, 1fr); min-height: 100vh; }
        nav.toc { position: sticky; top: 0; align-self: start; height: 100vh; overflow-y: auto;
                  padding: 24px 16px; border-right: 1px solid var(--line); background: var(--bg-alt); font-size: 14px; }
        nav.toc h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 8px; }
        nav.toc ol { list-style: none; margin: 0; padding: 0; }
        nav.toc ol ol { padding-left: 14px; font-size: 13px; }
        nav.toc li { margin: 2px 0; }
        nav.toc a { color: var(--fg); text-decoration: none; display: block; padding: 2px 6px; border-radius: 4px; }
        nav.toc a:hover { background: var(--line); }
        main { padding: 32px 48px 64px; max-width: 1100px; }
        header.title h1 { margin: 0; font-size: 30px; }
        header.title p { margin: 4px 0 24px; color: var(--muted); }
        section { padding-top: 8px; border-top: 1px solid var(--line); margin-top: 24px; }
        h2 { font-size: 22px; margin: 16px 0 8px; }
        h3 { font-size: 17px; margin: 20px 0 6px; }
        a { color: var(--accent); }
        table { border-collapse: collapse; margin: 12px 0 20px; font-size: 14px; width: auto; max-width: 100%; }
        caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: var(--muted); }
        th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
        th { background: var(--bg-alt); font-weight: 600; }
        tbody tr:nth-child(even) td { background: #fbfcfd; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
                 text-transform: uppercase; letter-spacing: .03em; border: 1px solid; white-space: nowrap; }
        .badge.confirmed { color: var(--ok); background: var(--ok-bg); border-color: var(--ok); }
        .badge.refuted { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
        .badge.inconclusive { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
        figure.chart { margin: 16px 0 24px; padding: 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        @media (max-width: 800px) { .layout { display: block; } nav.toc { position: static; height: auto; } main { padding: 16px; } }
        @media print { nav.toc { display: none; } .layout { display: block; } }
        """;
}
