// The console's one style sheet, served as a file (so the CSP can forbid inline styles and scripts).
export const consoleCss = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:#1c2430;background:#f4f6f9}
header{background:#0b4f8a;color:#fff;padding:.6rem 1.2rem;display:flex;align-items:center;gap:1.2rem;flex-wrap:wrap}
header strong{font-size:1.05rem}
header nav{display:flex;gap:.2rem;flex-wrap:wrap;flex:1}
header nav a{color:#dfeaf6;text-decoration:none;padding:.3rem .55rem;border-radius:4px}
header nav a.on,header nav a:hover{background:#ffffff26;color:#fff}
header form{margin:0}
main{max-width:1280px;margin:1.2rem auto;padding:0 1.2rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:1.4rem 0 .6rem}
section.card,div.card{background:#fff;border:1px solid #d9dee6;border-radius:6px;padding:1rem;margin-bottom:1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:.8rem}
.tile{background:#fff;border:1px solid #d9dee6;border-radius:6px;padding:.7rem .9rem}
.tile b{display:block;font-size:1.5rem}
.tile span{color:#5a6677;font-size:.85rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e3e7ee;padding:.4rem .5rem;text-align:left;vertical-align:top}
th.num{text-align:right}
th{background:#eef2f7;font-weight:600;font-size:.88rem}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#17692e}.bad{color:#b3261e}.warn{color:#8a5a00}.muted{color:#5a6677}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:10px;font-size:.8rem;background:#e3e7ee}
.badge.ok{background:#d8f0de}.badge.bad{background:#f8dcda}.badge.warn{background:#fbeccb}
form.inline{display:inline}
label{display:block;margin:.4rem 0 .15rem;font-weight:600;font-size:.9rem}
input,select,textarea{font:inherit;padding:.35rem .45rem;border:1px solid #b9c2cf;border-radius:4px;max-width:100%}
textarea{width:100%}
textarea.code{font-family:ui-monospace,monospace;font-size:.85rem}
button{font:inherit;padding:.35rem .8rem;border-radius:4px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;\
cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
button.danger{background:#b3261e;border-color:#b3261e}
.filters{display:flex;gap:.6rem;align-items:flex-end;flex-wrap:wrap;margin-bottom:.8rem}
.filters label{margin:0}
.notice{padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem;background:#d8f0de;border:1px solid #9fd3ad}
.notice.error{background:#f8dcda;border-color:#e6a29d}
pre{background:#f0f3f7;padding:.6rem;border-radius:4px;overflow:auto;font-size:.85rem;max-height:26rem}
.signin{max-width:420px;margin:4rem auto}
svg.chart{width:100%;max-width:760px;height:auto;display:block;background:#fff;border:1px solid #d9dee6;\
border-radius:6px}
svg.chart text{font-size:10px;fill:#5a6677}
`
