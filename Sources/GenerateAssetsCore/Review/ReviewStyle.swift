/// The review page's style sheet: cards on a quiet background, images on a checkerboard (so transparency
/// shows), light and dark by the system's setting. Inline, so the page needs nothing else.
enum ReviewStyle {
    static let css: StaticString = """
        :root {
          --bg: #f4f3f0; --card: #ffffff; --ink: #1d1c1a; --muted: #6b6760; --line: #e4e1db;
          --accent: #2f6fde; --ins-bg: #dcf5e3; --ins-ink: #135c2b; --del-bg: #fbe0de; --del-ink: #8e1f17;
          --new: #2f6fde; --changed: #7a4fd6; --failed: #c9382c; --kept: #2d8a8a; --stale: #b7791f; --placeholder: #8a6d1f;
          --check-a: #ebe9e4; --check-b: #f8f7f4; --shadow: 0 1px 2px rgba(0,0,0,.06), 0 4px 16px rgba(0,0,0,.05);
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #151513; --card: #1f1f1c; --ink: #ecebe7; --muted: #a29e96; --line: #33322e;
            --accent: #7aa7ff; --ins-bg: #173a24; --ins-ink: #9be3b1; --del-bg: #45201d; --del-ink: #ffb3ab;
            --check-a: #2a2a27; --check-b: #232320; --shadow: none;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        code, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
        header.top { padding: 28px 40px 20px; border-bottom: 1px solid var(--line); background: var(--card); }
        header.top h1 { margin: 0 0 4px; font-size: 22px; font-weight: 650; letter-spacing: -0.01em; }
        header.top .sub { margin: 0; color: var(--muted); }
        .stats { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 0; padding: 0; list-style: none; }
        .stats li { padding: 6px 12px; border: 1px solid var(--line); border-radius: 999px; background: var(--bg); color: var(--muted); }
        .stats b { color: var(--ink); font-weight: 650; margin-right: 4px; }
        main { max-width: 1320px; margin: 0 auto; padding: 28px 40px 60px; }
        .empty { padding: 48px; text-align: center; color: var(--muted); background: var(--card); border-radius: 14px; box-shadow: var(--shadow); }
        .card { background: var(--card); border-radius: 14px; box-shadow: var(--shadow); margin: 0 0 28px; overflow: hidden; border: 1px solid var(--line); }
        .card-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px 14px; padding: 16px 22px; border-bottom: 1px solid var(--line); }
        .card-head h2 { margin: 0; font-size: 18px; font-weight: 650; }
        .card-head .path { color: var(--muted); }
        .badges { display: flex; flex-wrap: wrap; gap: 6px; margin-left: auto; }
        .badge { font-size: 12px; font-weight: 600; padding: 2px 9px; border-radius: 999px; color: #fff; background: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
        .badge.status-new { background: var(--new); } .badge.status-changed { background: var(--changed); } .badge.status-failed { background: var(--failed); }
        .badge.status-kept { background: var(--kept); } .badge.status-stale { background: var(--stale); } .badge.status-variants { background: var(--accent); }
        .card.status-failed { border-color: var(--failed); }
        .badge.placeholder { background: transparent; color: var(--placeholder); border: 1.5px dashed var(--placeholder); }
        .badge.count { background: transparent; color: var(--muted); border: 1px solid var(--line); }
        .compare { display: grid; grid-template-columns: 1fr auto 1fr; gap: 18px; align-items: center; padding: 22px; }
        .compare.single { grid-template-columns: minmax(0, 620px); justify-content: center; }
        .compare .arrow { color: var(--muted); font-size: 26px; }
        figure { margin: 0; }
        figure .frame { display: flex; align-items: center; justify-content: center; border-radius: 10px; overflow: hidden; min-height: 160px;
          background-color: var(--check-b); background-image: linear-gradient(45deg, var(--check-a) 25%, transparent 25%), linear-gradient(-45deg, var(--check-a) 25%, transparent 25%),
          linear-gradient(45deg, transparent 75%, var(--check-a) 75%), linear-gradient(-45deg, transparent 75%, var(--check-a) 75%);
          background-size: 20px 20px; background-position: 0 0, 0 10px, 10px -10px, -10px 0; }
        figure img { display: block; max-width: 100%; max-height: 520px; height: auto; }
        figure .none { padding: 60px 20px; color: var(--muted); font-style: italic; }
        figcaption { margin-top: 8px; color: var(--muted); font-size: 13px; display: flex; justify-content: space-between; gap: 8px; }
        figcaption strong { color: var(--ink); font-weight: 600; }
        .details { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 22px; padding: 0 22px 22px; }
        .details h3, .variants h3 { margin: 0 0 8px; font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 650; }
        .prompt-text { margin: 0; padding: 12px 14px; border-radius: 10px; background: var(--bg); white-space: pre-wrap; overflow-wrap: anywhere; }
        .prompt-text del { background: var(--del-bg); color: var(--del-ink); text-decoration: line-through; border-radius: 3px; padding: 0 2px; }
        .prompt-text ins { background: var(--ins-bg); color: var(--ins-ink); text-decoration: none; border-radius: 3px; padding: 0 2px; }
        .reasons { margin: 12px 0 0; padding-left: 18px; }
        .reasons li { margin: 2px 0; }
        dl.meta { display: grid; grid-template-columns: auto 1fr; align-content: start; gap: 6px 14px; margin: 0; padding-top: 26px; }
        dl.meta dt { color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        .checks { margin: 0 22px 22px; }
        .checks ul { margin: 6px 0 0; padding-left: 0; list-style: none; }
        .check.fail { color: var(--del-ink); }
        .check .reason { opacity: 0.8; }
        .error { margin: 0 22px 22px; padding: 12px 14px; border-radius: 10px; background: var(--del-bg); color: var(--del-ink); white-space: pre-wrap; overflow-wrap: anywhere; }
        .error strong { display: block; margin-bottom: 4px; }
        .variants { padding: 18px 22px 22px; border-top: 1px solid var(--line); }
        .strip { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 14px; }
        .variant .frame { min-height: 120px; border: 3px solid transparent; }
        .variant.picked .frame { border-color: var(--accent); }
        .variant img { max-height: 240px; }
        .variant figcaption code { user-select: all; }
        .turn figcaption { flex-direction: column; align-items: flex-start; } .turn-text { white-space: normal; max-width: 240px; }
        .files figcaption { flex-direction: column; align-items: flex-start; gap: 2px; } .files figcaption code { overflow-wrap: anywhere; user-select: all; }
        .unchanged { color: var(--muted); }
        .unchanged h2 { font-size: 15px; margin: 0 0 6px; color: var(--ink); }
        .unchanged p { margin: 0; }
        a { color: var(--accent); }
        @media (max-width: 820px) {
          header.top, main { padding-left: 16px; padding-right: 16px; }
          .compare { grid-template-columns: 1fr; } .compare .arrow { transform: rotate(90deg); justify-self: center; }
          .details { grid-template-columns: 1fr; }
        }
        """
}
