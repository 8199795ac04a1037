"""The vocabulary of page furniture the dump cleaner recognises, as compiled patterns.

Generic site furniture in English (with a few common European photo-credit words): share
buttons, read times, "Most read" labels, bylines, photo credits, appeals. Never one outlet's
wording. Kept apart from :mod:`reader.extract.text_lines` so that module stays readable.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"\w+")
BULLET_RE = re.compile(r"^(?:[•◦○●■□▪▫‣∙·*+\-–—>]|\d{1,3}[.)]|[a-z][.)])\s+")
SENTENCE_END_RE = re.compile(r"[.!?…:;。！？](?:[\"'”’»)\]」』）]*)$|[\"”»」』]$")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
MARKUP_RE = re.compile(r"</?[a-zA-Z][^<>]{0,300}>|\[(?:INS|DEL):|:(?:INS|DEL)\]")
CODE_RE = re.compile(
    r"\b(?:src|href|style|class)=|https?://\S{20,}|%[0-9a-f]{2}.*%[0-9a-f]{2}", re.I
)
QUOTED_RE = re.compile(r"[\"“][^\"“”]*[\"”]")

# Site furniture that makes up a whole (short) line.
CHROME_LINE_RE = re.compile(
    r"^(?:"
    r"share(?: (?:this|on|via|article|story)\b.*)?|tweet|e-?mail|print(?: article)?|save|"
    r"comments?|\d[\d,.]*k? ?(?:shares?|comments?|views?|likes?|reads?|reactions?)|"
    r"(?:shares?|comments?|views?) ?\d[\d,.]*k?|"
    r"\d+ ?(?:min(?:ute)?s?|m)\.? ?(?:read|listen|watch)(?:ing)?(?: time)?|\d+ ?min(?:ute)?s?|"
    r"(?:reading|read) time:? ?\d+ ?min(?:ute)?s?|"
    r"listen(?: to (?:this )?(?:article|story))?(?: \d+[:.]\d+)?|play|pause|watch(?: video| live)?|"
    r"follow(?: us)?(?: on \w+)?|like|reply|report|"
    r"(?:sign|log) ?(?:in|up|out)|register|subscribe(?: now)?|join|donate(?: now)?|"
    r"menu|search|close|open|home|back|next|previous|prev|more|less|show (?:more|less)|"
    r"see (?:more|all)|view (?:more|all|comments?)|load more|read more|continue reading\b.*|"
    r"view (?:this |the )?(?:image|photo|picture|gallery|video)s?\b.*|"
    r"(?:the )?(?:story|article|text) continues\b.*|.*\badvert(?:isement|ising)?\b.*|"
    r"skip to .*|back to top|top|advertisement|advertising|sponsored(?: content)?|ad|ads|"
    r"loading\b.*|cookies?\b.*|accept(?: all)?(?: cookies)?|reject(?: all)?|"
    r"privacy(?: policy)?|terms(?: (?:of|and) .*)?|about(?: us)?|contact(?: us)?|"
    r"careers|help|faq|sitemap|rss|authors|archives?|"
    r"facebook|twitter|x|instagram|youtube|linkedin|whatsapp|telegram|reddit|pinterest|"
    r"tiktok|threads|bluesky|mastodon|flipboard|copy(?: link)?|link copied|"
    r"android|ios|iphone|ipad|app store|google play|get (?:it|the app) on .*|"
    r"download (?:the|our) app.*|all rights reserved\.?|slogan|logo|image|photo|video|"
    r"audio|gallery|live|breaking|"
    r"font size|text size|resize text|a\+?|a-|dark mode|light mode|"
    r"ad feedback|feedback|reuse this content|supported by|gift (?:this )?article|"
    r"save (?:article|story|for later)|bookmark|\d{1,2}:\d{2}(?: / \d{1,2}:\d{2})?|"
    r"[^\w\s]{1,3}|\w|\[[^\]]{0,40}\]|"
    # An image's file name printed in place of the image.
    r"[\w.-]{1,80}\.(?:jpe?g|png|gif|webp|svg|avif)|"
    # The same buttons in the other languages of the region's news sites.
    r"anzeige|werbung|publicidad|publicit[ée]|pubblicit[àa]|publicidade|"
    r"compartir|partager|teilen|compartilhar|condividi|imprimir|imprimer|drucken|stampa|"
    r"version zum drucken|buscar|rechercher|suche|pesquisar|"
    r"leer m[aá]s|lire la suite|weiterlesen|continuar leyendo|leia mais|ver m[aá]s|voir plus|"
    r"iniciar sesi[oó]n|se connecter|anmelden|abmelden|registrieren|s'abonner|abonnieren|suscr[ií]bete"
    r")$",
    re.IGNORECASE,
)
# Furniture that may sit inside a longer line.
# Cookie and consent banners, however long they run.
CONSENT_RE = re.compile(
    r"\b(?:we|this (?:site|website)) uses? cookies\b|\bcookie (?:policy|settings|preferences)\b",
    re.IGNORECASE,
)
CHROME_PART_RE = re.compile(
    r"©|\(c\) ?\d{4}|"
    r"\b(?:copyright|all rights reserved|cookies? (?:policy|settings|consent|preferences)|"
    r"(?:accept|use of) cookies|sign up|subscribe|newsletters?|subscription|unsubscribe|"
    r"donat(?:e|ion)|support (?:us|our)|paywall|your inbox|privacy policy|"
    r"terms of (?:use|service)|ad ?choices|download (?:the|our) app|follow us|share (?:this|on)|"
    r"click here|enable javascript|your browser|skip to|thank you for (?:supporting|reading)|"
    r"read(?:ing)? later|reading list|gift articles?)\b|"
    # "JavaScript is disabled" in the region's languages.
    r"javascript.{0,8}(?:disabled|無効|deaktiviert|d[ée]sactiv|desactivad|required|"
    r"nicht aktiviert|未启用|已禁用)",
    re.IGNORECASE,
)
# An image's file name printed in place of the image.
IMAGE_FILE_RE = re.compile(r"^[\w.-]{1,80}\.(?:jpe?g|png|gif|webp|svg|avif)$", re.IGNORECASE)
# Labels that open a list of links to other pages.
HEADER_RE = re.compile(
    r"^(?:"
    r"related(?: (?:news|articles?|stories|story|content|posts?|coverage|topics|links|reading|videos?))?|"
    r"(?:most|more) (?:read|popular|viewed|shared|watched|commented|emailed)(?: (?:news|stories|articles))?|"
    r"read (?:next|also|this next)|up next|what to read next|next (?:article|story|up)|"
    r"coverage|more (?:from|on|in|about|stories|news|articles|coverage|videos)\b.*|"
    r"(?:you )?(?:may|might|could) (?:also )?(?:like|enjoy|be interested in).*|recommended.*|"
    r"popular(?: (?:posts|now|today|stories|articles|news))?|trending(?: now| stories| news)?|"
    r"(?:the )?latest(?: (?:news|stories|articles|posts|videos|updates|headlines))?|"
    r"top (?:stories|news|picks|headlines)|(?:promoted|sponsored|partner) (?:links|stories|content)|editor'?s'? (?:picks?|choice)|see also|also read|"
    r"in other news|more to explore|don'?t miss|must read|"
    r"(?:breaking|live) ?(?:news|updates?)?|just in|news ?feed|tags?:?|topics?:?|"
    r"keywords?:?|categories:?|filed under:?|sections?|navigation|site navigation|"
    r"newsletters?|(?:sign up|subscribe) (?:for|to) .*|follow us.*|share (?:this )?(?:article|story|post)?:?|"
    r"there (?:are|is) (?:\d+|no) (?:comments?|responses?|replies)|\d+ thoughts on .*|"
    r"comments?(?: \(\d+\))?|leave a (?:comment|reply)|(?:\d+ )?(?:responses?|replies) to .*|"
    r"join the (?:conversation|discussion)|"
    r"discussion|(?:a )?message from .*|dear readers?,?|footer|(?:our )?partners|"
    r"(?:other|more) (?:sites|services|links)|quick links|useful links|explore(?: more\b.*)?|all|"
    # The same labels in the other languages of the region's news sites.
    r"(?:art[ií]culos|noticias|not[ií]cias|articles|articoli|artikel) (?:relacionad[oa]s|li[ée]s|"
    r"similaires|correlati|verwandte)|verwandte artikel|weitere artikel|"
    r"(?:lo )?m[aá]s le[ií]d[oa]s?|mais lid[oa]s|les plus lus|i pi[uù] letti|meistgelesen|"
    r"(?:tamb[ií]én )?te puede interesar|(?:à )?lire aussi|(?:à )?voir aussi|sur le m[êe]me sujet|"
    r"dans la m[êe]me rubrique|leia (?:tamb[ée]m|mais)|veja tamb[ée]m|lee tambi[ée]n|leggi anche|"
    r"potrebbe interessarti|lesen sie auch|mehr zum thema\b.*|auch interessant|"
    r"das k[öo]nnte sie auch interessieren|auch auf .{1,30}|"
    r"comentarios?|coment[aá]rios|commentaires?|commenti|kommentare(?: lesen\b.*)?|"
    r"etiquetas|mots[- ]cl[ée]s|schlagw[öo]rter|t[óo]picos|temas|th[èe]mes|"
    r"[【\[［(（]?(?:関連記事|関連ニュース|おすすめ記事|人気記事|相关新闻|相关阅读|相关文章|推荐阅读|"
    r"热门推荐|热门文章|延伸阅读|相關新聞|相關文章|延伸閱讀|熱門文章)[】\]］)）]?"
    r")$",
    re.IGNORECASE,
)
# The head of a comments section, however long the post title it repeats.
COMMENTS_HEAD_RE = re.compile(
    r"^(?:\d+|no|one|two|three) (?:comments?|responses?|replies|thoughts)"
    r" (?:on|to|for|about)\b.*$",
    re.IGNORECASE,
)
# Heads of a comments section: the article never goes on past one.
COMMENTS_RE = re.compile(
    r"^(?:there (?:are|is) (?:\d+|no) (?:comments?|responses?|replies)|"
    r"(?:\d+|no|one|two|three) (?:comments?|responses?|replies|thoughts)\b.*|"
    r"comments?(?: \(\d+\))?|leave a (?:comment|reply)|(?:\d+ )?(?:responses?|replies) to .*|"
    r"join the (?:conversation|discussion)|reader comments|add (?:a|your) comment|"
    r"comentarios?(?: \(\d+\))?|coment[aá]rios(?: \(\d+\))?|commentaires?(?: \(\d+\))?|"
    r"commenti(?: \(\d+\))?|kommentare(?: \(\d+\))?)$",
    re.IGNORECASE,
)
# A comment's signature line: "Sam wrote on 10 October 2023 at 8:14 am:".
SIGNATURE_RE = re.compile(
    r"^\S.{0,60}?\b(?:wrote|writes|says|said|commented|replied)\b.*\d.*:$", re.IGNORECASE
)
BYLINE_RE = re.compile(
    r"^(?:by|written by|words by|reported by|author:?|posted by|story by|text by)\s+"
    r"(?P<name>[^\d\s].{1,80})$",
    re.IGNORECASE,
)
SOURCE_RE = re.compile(r"^(?:source|sources|via|credit|edited by|agencies)\b[:\s]*.{0,60}$", re.I)
DATE_PREFIX_RE = re.compile(
    r"^(?:published|updated|posted|last (?:updated|modified)(?: on)?|first published|"
    r"date|created|modified|on)\b[:\s]*",
    re.IGNORECASE,
)
CREDIT_RE = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|Getty(?: Images)?|AAP|ANI|PA|Xinhua|TASS|[\w .'/-]{0,30}"
    r"(?:Photo|Images?|Media|Agency|Press))\)\.?$|"
    r"\b(?:[Pp]hoto(?:graph)?|[Ff]oto|[Bb]ild|[Ii]mage|[Pp]icture|[Cc]r[eé]dit|[Ii]llustration|[Vv]ideo)s?(?: by)?:\s|"
    r"\s/\s?(?:[A-Z][\w.-]*\s?){1,4}$|\bGetty Images\b|\bvia Getty\b|\bShutterstock\b|"
    r"[^.!?]\s\((?:[A-Z][\w.&'-]*\s?){1,3}\)$|"
    r"^(?:[Ii]mage|[Mm]edia|[Pp]hoto|[Vv]ideo) (?:copyright|caption|source)\b|"
    r"\b(?:REUTERS|AFP|AP|EPA|Getty Images|Xinhua|ANADOLU|ANSA|TASS|SANA|IRNA|DPA)/\w|"
    # "[images/x.jpg]" at the end of a line; not a closing tag like "[/b]".
    r"\[(?:File:\s*)?[^\]\s/]+/[^\]\s]*\]$|\[File:[^\]]*\]$|"
    r"\s[A-Z][\w-]+/(?:[A-Z][\w.-]*)(?:[ /][A-Z][\w.-]*)?$"
)
TIME_ONLY_RE = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?|"
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"(?:yesterday|today|just now))$",
    re.IGNORECASE,
)

CHROME_WORDS = frozenset(
    [
        "share",
        "shares",
        "tweet",
        "email",
        "e-mail",
        "print",
        "save",
        "comment",
        "comments",
        "listen",
        "menu",
        "search",
        "sign",
        "in",
        "up",
        "log",
        "login",
        "logout",
        "register",
        "subscribe",
        "close",
        "home",
        "more",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "reddit",
        "telegram",
        "pinterest",
        "flipboard",
        "pocket",
        "mail",
        "copy",
        "link",
        "min",
        "read",
        "x",
    ]
)
PART_SPLIT_RE = re.compile(r"\s*[|·•]\s*|\s{2,}")

APPEAL_RE = re.compile(
    # "support" asks only for someone ("support us", "support our reporting"), not a feature.
    r"\b(?:support(?:ing)? (?:us|our|the|this|independent|quality|local|public)|"
    r"donat\w*|subscri\w*|contribut\w*|newsletters?|journalism|memberships?|becom(?:e|ing) a member|"
    r"sign(?:ing)? up|inbox|mailbox|register|funding|paywall|readers)\b",
    re.IGNORECASE,
)
