/* report_html.c - the frame of report/index.html: styles (screen and print), table of contents,
 * figures, and the one inline script (concordance filters from the form or the URL hash, sorting,
 * paging; script errors recorded in the DOM). The page shows every chart and table without the
 * script. */
#include <string.h>

#include "report_priv.h"

static const char css[] =
    ":root{--ink:#222;--mute:#5a5a5a;--line:#dcdcdc;--acc:#0072B2}\n"
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.45 system-ui,'DejaVu Sans','Noto "
    "Sans',Arial,sans-serif;color:var(--ink);margin:0;"
    "background:#f3f3f1}\n"
    "main{max-width:1200px;margin:0 auto;padding:18px 28px 40px;background:#fff}\n"
    "h1{font-size:26px;margin:6px 0 2px}h2{font-size:20px;margin:0 0 "
    "6px}h3{font-size:16px;margin:14px 0 4px}\n"
    ".sub{color:var(--mute);margin:0 0 10px}\n"
    "nav.toc{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:14px;padding:8px "
    "0;border-bottom:2px solid "
    "var(--ink)}\n"
    "nav.toc a{color:var(--acc);text-decoration:none}nav.toc a:hover{text-decoration:underline}\n"
    "section{margin:26px 0 0;padding-top:10px;border-top:1px solid var(--line)}\n"
    /* sections out of view are not laid out until scrolled to: a page with thousands of concordance
       lines opens fast */
    "section{content-visibility:auto;contain-intrinsic-size:auto 1200px}\n"
    "figure{margin:10px 0}figcaption{font-size:13px;color:var(--mute);margin-top:2px}\n"
    "svg.tt-chart{max-width:100%;height:auto;display:block}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:6px 18px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}\n"
    ".card{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:130px}\n"
    ".card b{display:block;font-size:24px;font-variant-numeric:tabular-nums}.card "
    "span{font-size:12px;"
    "color:var(--mute)}\n"
    "table{border-collapse:collapse;font-size:13px;margin:6px 0}\n"
    "th,td{border-bottom:1px solid #ececec;padding:3px 7px;text-align:left;vertical-align:top}\n"
    "th{background:#f6f6f4;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-"
    "nums}\n"
    ".note{color:var(--mute);font-size:13px}.warn{color:#a33}\n"
    ".lead{font-size:16px;margin:6px 0 10px;padding:8px 12px;background:#f3f8fc;border-left:4px "
    "solid "
    "var(--acc)}\n"
    ".controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:8px "
    "0;font-size:13px}\n"
    ".controls select,.controls input{font:inherit;padding:2px 4px}\n"
    "#kwic-table{table-layout:fixed;width:100%}\n"
    "#kwic-table td{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n"
    "#kwic-table td.l{direction:rtl;text-align:right}#kwic-table "
    "td.k{text-align:center;font-weight:600;"
    "color:var(--acc);text-overflow:clip}\n"
    "#kwic-table th{white-space:nowrap;overflow:hidden}#kwic-table "
    "th[data-sort]{cursor:pointer}#kwic-table th[data-sort]:after{content:' \\2195';color:#999}\n"
    ".pager{display:flex;gap:8px;align-items:center;font-size:13px}\n"
    ".pager button{font:inherit;padding:1px 8px}\n"
    "#tt-errors{white-space:pre-wrap;color:#a33;border:1px solid #a33;padding:6px}\n"
    "code{font-size:12px;background:#f6f6f4;padding:0 3px;word-break:break-all}\n"
    "@media "
    "print{section{content-visibility:visible}body{background:#fff;font-size:11pt}main{max-width:"
    "none;padding:0}"
    "nav.toc,.controls,.pager,#tt-errors{display:none}"
    "section{break-before:auto}figure,table,.cards{break-inside:avoid}"
    "#kwic-table{font-size:9pt}.grid{display:block}a{color:inherit;text-decoration:none}"
    "svg.tt-chart{max-width:100%;height:auto}}\n";

static const char js[] =
    "(function(){\n"
    "var B=document.body;\n"
    "window.onerror=function(m,s,l){var "
    "n=+(B.getAttribute('data-errors')||0)+1;B.setAttribute('data-errors',"
    "String(n));var "
    "d=document.getElementById('tt-errors');if(d){d.hidden=false;d.textContent+='script error: '"
    "+m+' (line '+l+')\\n';}};\n"
    "var T=document.getElementById('kwic-table');\n"
    "if(T){\n"
    "var "
    "tb=T.tBodies[0],rows=Array.prototype.slice.call(tb.rows),per=+(T.getAttribute('data-page-size'"
    ")||100),"
    "page=0,F=['concept','country','period','role'],sel={},q=document.getElementById('f-text'),"
    "info=document.getElementById('kwic-info');\n"
    "rows.forEach(function(r,i){r._i=i;});\n"
    "function val(e){return e?e.value:'';}\n"
    "function apply(write){var m=[],qs=val(q).toLowerCase();\n"
    " rows.forEach(function(r){var ok=F.every(function(f){return "
    "!val(sel[f])||r.getAttribute('data-'+f)===sel[f]."
    "value;});\n"
    "  if(ok&&qs)ok=r.textContent.toLowerCase().indexOf(qs)>=0;if(ok)m.push(r);r.hidden=true;});\n"
    " var np=Math.max(1,Math.ceil(m.length/per));if(page>=np)page=np-1;if(page<0)page=0;\n"
    " var shown=m.slice(page*per,page*per+per);shown.forEach(function(r){r.hidden=false;});\n"
    " T.setAttribute('data-matching',String(m.length));T.setAttribute('data-shown',String(shown."
    "length));"
    "T.setAttribute('data-page',String(page+1));\n"
    " if(info)info.textContent=m.length+' of '+rows.length+' lines match; page '+(page+1)+' of "
    "'+np;\n"
    " if(write)toHash();}\n"
    "function toHash(){var "
    "p=[];F.forEach(function(f){if(val(sel[f]))p.push(f+'='+encodeURIComponent(sel[f]."
    "value));});\n"
    " if(val(q))p.push('q='+encodeURIComponent(q.value));if(page)p.push('page='+(page+1));var "
    "h=p.join('&');\n"
    " try{history.replaceState(null,'',h?'#'+h:location.pathname+location.search);}catch(e){}}\n"
    "function fromHash(){var h=location.hash.replace(/^#/,'');if(h.indexOf('=')<0)return false;\n"
    " F.forEach(function(f){if(sel[f])sel[f].value='';});if(q)q.value='';page=0;\n"
    " h.split('&').forEach(function(kv){var i=kv.indexOf('=');if(i<0)return;var "
    "k=decodeURIComponent(kv.slice(0,"
    "i)),v=decodeURIComponent(kv.slice(i+1));\n"
    "  if(sel[k]){sel[k].value=v;if(sel[k].value!==v){var "
    "o=document.createElement('option');o.value=v;"
    "o.textContent=v;sel[k].appendChild(o);sel[k].value=v;}}\n"
    "  else if(k==='q'&&q)q.value=v;else if(k==='page')page=(parseInt(v,10)||1)-1;});return "
    "true;}\n"
    "F.forEach(function(f){sel[f]=document.getElementById('f-'+f);if(sel[f])sel[f]."
    "addEventListener('change',"
    "function(){page=0;apply(true);});});\n"
    "if(q)q.addEventListener('input',function(){page=0;apply(true);});\n"
    "var pv=document.getElementById('kwic-prev'),nx=document.getElementById('kwic-next');\n"
    "if(pv)pv.addEventListener('click',function(){page--;apply(true);});\n"
    "if(nx)nx.addEventListener('click',function(){page++;apply(true);});\n"
    "function key(r,k){var c=r.cells;if(k==='left'){return "
    "c[T.getAttribute('data-left')|0].textContent.trim()"
    ".split('').reverse().join('').toLowerCase();}\n"
    " if(k==='doc')return r._i;var i=+k;return c[i]?c[i].textContent.toLowerCase():'';}\n"
    "Array.prototype.forEach.call(T.tHead.rows[0].cells,function(th){var "
    "k=th.getAttribute('data-sort');if(!k)"
    "return;\n"
    " th.addEventListener('click',function(){var "
    "d=th.getAttribute('data-dir')==='asc'?-1:1;th.setAttribute("
    "'data-dir',d>0?'asc':'desc');\n"
    "  rows.sort(function(a,b){var x=key(a,k),y=key(b,k);return (x<y?-1:x>y?1:a._i-b._i)*d;});\n"
    "  rows.forEach(function(r){tb.appendChild(r);});page=0;apply(true);});});\n"
    "fromHash();apply(false);\n"
    "window.addEventListener('hashchange',function(){if(fromHash())apply(false);});\n"
    "}\n"
    "B.setAttribute('data-ok','1');\n"
    "})();\n";

int
rp_html_head(tt_buf *b, const char *title, const char *subtitle, const char *const *toc_ids,
             const char *const *toc_titles, size_t ntoc)
{
    int rc =
        tt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"termtrace " TT_VERSION "\">\n<title>");
    rc |= rp_esc(b, title) | tt_buf_puts(b, "</title>\n<style>\n") | tt_buf_puts(b, css);
    rc |= tt_buf_puts(b, "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>") | rp_esc(b, title);
    rc |=
        tt_buf_puts(b, "</h1>\n<p class=\"sub\">") | rp_esc(b, subtitle) | tt_buf_puts(b, "</p>\n");
    rc |= tt_buf_puts(b, "<div id=\"tt-errors\" hidden></div>\n<nav class=\"toc\">");
    for (size_t i = 0; i < ntoc; i++) {
        rc |= tt_buf_puts(b, "<a href=\"#") | rp_esc(b, toc_ids[i]) | tt_buf_puts(b, "\">");
        rc |= rp_esc(b, toc_titles[i]) | tt_buf_puts(b, "</a>");
    }
    return rc | tt_buf_puts(b, "</nav>\n</header>\n");
}

int
rp_html_tail(tt_buf *b)
{
    int rc = tt_buf_puts(
        b, "<footer class=\"note\"><p>Written by termtrace " TT_VERSION
           " from the files of this output folder; every chart is also in report/ as an SVG "
           "file. The page needs no network and no other file.</p></footer>\n</main>\n<script>\n");
    return rc | tt_buf_puts(b, js) | tt_buf_puts(b, "</script>\n</body>\n</html>\n");
}

int
rp_html_figure(tt_buf *b, const char *svg, size_t n, const char *name, const char *caption)
{
    int rc = tt_buf_puts(b, "<figure id=\"fig-") | rp_esc(b, name) | tt_buf_puts(b, "\">\n");
    rc |= tt_buf_append(b, svg, n);
    rc |= tt_buf_puts(b, "<figcaption>");
    if (caption && *caption)
        rc |= rp_esc(b, caption) | tt_buf_putc(b, ' ');
    rc |= tt_buf_puts(b, "(report/") | rp_esc(b, name) |
          tt_buf_puts(b, ".svg)</figcaption>\n</figure>\n");
    return rc;
}
