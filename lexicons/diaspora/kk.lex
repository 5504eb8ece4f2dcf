# lexicons/diaspora/kk.lex - Kazakh entries of the default diaspora-policy lexicon.
#
# Written in Cyrillic: the engine normalizes each entry like a Kazakh document token (script-neutral match
# form, README "Entries"), so every Cyrillic entry also matches the 2017, 2018 and 2021 Latin spellings
# (отандас = otandas, қандас = qandas, көші-қон = kóshi-qon / köşi-qon).
# A `lemma` matches the noun chain of morph/kk.grammar (plural, possessive, case, relative -дағы/-дегі, with
# their harmony and assimilation variants). Derivations (-лық/-лік/-дық/-тық, -шы/-ші, -ша, -сыз, -дай) are
# NOT in that chain: a derivation counts only where it is listed below as an entry of its own.
#
# Latin variants: Russian loans with ц are written "ts" in the Latin alphabets actually in use (2018 news text:
# ınvestıtsııa, mıgratsııa, ıntegratsııa), while the Cyrillic fold gives ц > c. So each ц-loan gets a second,
# plain-ASCII entry with "ts" (all three Latin alphabets read those letters the same way).
#
# Multiwords: in Kazakh only the head (last word) inflects in practice (этникалық қазақтарға, еңбек көші-қоны);
# parts written plain inflect too (harmless: the modifiers hardly ever do), parts written =word are exact.

# Stems ending in -й and -у (құрылтай, бейімдеу, аудару): their match forms end in the letters i and u;
# morph/kk.grammar lets them take the consonant-stem possessive (құрылтайы, құрылтайын, аударуына,
# бейімделуі), so they are plain lemmas.

# ---- diaspora ---------------------------------------------------------------------------------------------
kk diaspora lemma диаспора
# diasporal (adjective, -лық): concepts.tsv counts "diasporal"; a derivation, so its own entry.
kk diaspora lemma диаспоралық

# ---- compatriot -------------------------------------------------------------------------------------------
kk compatriot lemma отандас
# Safety exclusions: derivations that the noun chain must never reach (отандық 'domestic' is from отан,
# отандастық 'compatriotness'); listed so that a grammar change cannot start counting them silently.
kk compatriot exclude отандық*
kk compatriot exclude отандастық*
# "Отандастар қоры" is the foundation (otandastar_foundation, longer span wins), see below.
# "compatriots living abroad" is counted as compatriot + abroad (two hits), as the bundled corpus's expected
# counts do; no multiword concept takes that span. "Former compatriot" is a different person: own concept.
kk former_compatriot multi бұрынғы отандас

# ---- ethnic_kazakh / ethnic_uzbek -------------------------------------------------------------------------
kk ethnic_kazakh multi этникалық қазақ
# Not listed: "ұлты қазақ" (nationality: Kazakh) and its Russian, Uzbek and English equivalents (казахской
# национальности, millati qozoq, of Kazakh nationality). The bundled corpus's expected counts
# (tests/expected/bundled-tf.tsv, kz-1997-law-kk, kz-2020-amend-ru) count only "ethnic Kazakh" for this concept.
kk ethnic_uzbek multi этникалық өзбек

# ---- kandas / oralman / ethnic_immigrant ------------------------------------------------------------------
kk kandas lemma қандас
# қандастық: abstract derivation (-тық), not a person; safety exclusion.
kk kandas exclude қандастық*
kk oralman lemma оралман
# оралу 'to return', оралған 'returned' share the root but are verb forms: not reached by the noun chain.
kk oralman exclude оралу*
kk ethnic_immigrant multi этникалық иммигрант
kk ethnic_immigrant multi этникалық көшіп келуші

# ---- karakalpak -------------------------------------------------------------------------------------------
kk karakalpak lemma қарақалпақ
# Қарақалпақстан is the republic, not the people: not in the chain (-стан); safety exclusion.
kk karakalpak exclude қарақалпақстан*

# ---- repatriation -----------------------------------------------------------------------------------------
kk repatriation lemma репатриация
kk repatriation lemma repatriatsiia
kk repatriation lemma репатриант

# ---- resettlement -----------------------------------------------------------------------------------------
# аудару (verbal noun: аударуы, аударуына, аударуын) and аударушы (agent noun: аударушылар): resettlement.
kk resettlement multi қоныс аудару
kk resettlement multi қоныс аударушы

# ---- migration / labour_migration / immigration / emigration ----------------------------------------------
kk migration lemma көші-қон
# spelled without the hyphen or with a space (typing and OCR variants)
kk migration lemma көшіқон
kk migration multi =көші қон
kk migration lemma мигрант
kk migration lemma миграция
kk migration lemma migratsiia
# көші-қондық 'migration (adj)': derivation counted like Russian миграционный.
kk migration lemma көші-қондық
kk migration lemma миграциялық
kk labour_migration multi еңбек көші-қон
kk labour_migration multi еңбек мигрант
kk labour_migration multi еңбек иммигрант
kk labour_migration multi еңбек миграция
kk labour_migration multi еңбек migratsiia
kk labour_migration multi еңбекші көшіп келуші
kk labour_migration multi шетелдік жұмыс күш
kk immigration lemma иммиграция
kk immigration lemma immigratsiia
kk immigration lemma иммигрант
kk immigration multi =көшіп келу
kk immigration multi =көшіп келуші
kk immigration multi =көшіп =келген
kk emigration lemma эмиграция
kk emigration lemma emigratsiia
kk emigration lemma эмигрант
kk emigration multi =көшіп кету

# ---- historical_homeland / atajurt / homeland -------------------------------------------------------------
kk historical_homeland multi тарихи отан
kk atajurt lemma атажұрт
kk atajurt multi ата жұрт
kk homeland lemma отан
# отандық 'domestic', отаншыл 'patriotic', отаншылдық 'patriotism': derivations, not the homeland.
kk homeland exclude отандық*
kk homeland exclude отаншыл*
kk homeland exclude отандас*
# "Ұлы Отан соғысы" (the Great Patriotic War) and "Нұр Отан" (the party) are excluded at the end of the file.

# ---- language and culture ---------------------------------------------------------------------------------
kk native_language multi ана тіл
kk state_language multi мемлекеттік тіл
kk national_culture multi ұлттық мәдениет

# ---- citizenship ------------------------------------------------------------------------------------------
kk citizenship lemma азамат
kk citizenship lemma азаматтық
# азаматтық-құқықтық 'civil-law' (one hyphenated token) is civil law, not citizenship.
kk citizenship exclude азаматтық-*
# азаматша 'in a citizen-like way', азаматсыз (derivations): safety exclusions.
kk citizenship exclude азаматша
kk citizenship exclude азаматсыз*
kk dual_citizenship multi қос азаматтық
kk dual_citizenship multi екі азаматтық
kk dual_citizenship multi екінші азаматтық

# ---- abroad -----------------------------------------------------------------------------------------------
kk abroad lemma шетел
kk abroad multi шет ел
kk abroad multi шет мемлекет
# шетелдік 'foreign, foreigner' is a derivation (-дік): not counted (spec morph-vectors: no).
kk abroad exclude шетелдік*

# ---- residence_permit / visa_free -------------------------------------------------------------------------
kk residence_permit lemma ықтиярхат
# тұруға рұқсат 'permission to reside' (тұрақты/уақытша: permanent/temporary)
kk residence_permit multi тұру рұқсат
kk visa_free multi визасыз режим
kk visa_free lemma визасыз

# ---- adaptation_integration -------------------------------------------------------------------------------
kk adaptation_integration lemma бейімдеу
kk adaptation_integration lemma бейімделу
kk adaptation_integration lemma кіріктіру
kk adaptation_integration lemma ықпалдастыру
kk adaptation_integration lemma интеграция
kk adaptation_integration lemma integratsiia
kk adaptation_integration lemma адаптация
kk adaptation_integration lemma adaptatsiia
# Eurasian / economic / regional integration is the concept regional_integration (longer span wins):
kk regional_integration multi еуразиялық интеграция
kk regional_integration multi еуразиялық integratsiia
kk regional_integration multi экономикалық интеграция
kk regional_integration multi экономикалық integratsiia
kk regional_integration multi өңірлік интеграция
kk regional_integration multi аймақтық интеграция

# ---- rights_protection ------------------------------------------------------------------------------------
# Rights protection takes a plural or possessive on "құқық" (құқықтарын қорғау, құқығын қорғау, құқықтары мен
# заңды мүдделерін қорғау). Bare "құқық қорғау" is law enforcement (құқық қорғау органдары = the police and
# prosecutors), so the first part is a glob that requires a suffix, never the bare stem.
kk rights_protection multi құқықтар* [3] қорғау*
kk rights_protection multi құқығ* [3] қорғау*

# ---- nurly_kosh / immigration_quota -----------------------------------------------------------------------
kk nurly_kosh multi нұрлы көш
kk immigration_quota multi көшіп =келу квота
kk immigration_quota multi иммиграция квота
kk immigration_quota multi immigratsiia квота
kk immigration_quota multi көшіріп =алу квота
kk immigration_quota multi өңірлік квота
kk immigration_quota multi қоныстандыру квота

# ---- economy ----------------------------------------------------------------------------------------------
kk investment lemma инвестиция
kk investment lemma investitsiia
kk investment lemma инвестициялық
kk investment lemma investitsiialyq
kk investment lemma инвестор
kk remittances multi ақша аударым
kk entrepreneurship lemma кәсіпкер
kk entrepreneurship lemma кәсіпкерлік
kk entrepreneurship lemma бизнес
kk entrepreneurship lemma бизнесмен
kk entrepreneurship glob бизнес-*

# ---- soft_power -------------------------------------------------------------------------------------------
kk soft_power multi жұмсақ күш

# ---- institutions -----------------------------------------------------------------------------------------
kk qurultai lemma құрылтай
# құрылтайшы 'founder (of a company)': a derivation (-шы), never the Qurultai; safety exclusion.
kk qurultai exclude құрылтайшы*
# "құрылтай құжаттары" (constituent documents), "құрылтай жиналысы" (founders' meeting), "құрылтай шарты"
# (founding agreement): company law, frequent in legal text; excluded at the end of the file.
kk qurultai exclude құрылтай құжат
kk qurultai exclude құрылтай жиналыс
kk qurultai exclude құрылтай шарт
kk qurultai exclude құрылтай =шартын
kk otandastar_foundation multi =отандастар қор
kk otandastar_foundation multi =отандастар фонд
kk vatandoshlar_foundation multi =ватандошлар қор
kk world_kazakh_association multi =дүниежүзі =қазақтарының қауымдастық
kk world_kazakh_association multi =дүниежүзі =қазақтары қауымдастық
kk assembly_people_kz multi =қазақстан =халқы ассамблея
kk assembly_people_kz multi =қазақстан =халықтары ассамблея
kk migration_agency multi көші-қон қызмет
kk migration_agency multi көші-қон полиция

# ---- other senses: multiword exclusions ------------------------------------------------------------------
# A multiword `exclude` removes its concept's hits that overlap the span it matches (exclusions apply before
# overlaps are resolved), so that these phrases count for nothing. The modifier is exact (=азаматтық): a
# Kazakh attribute does not inflect, and an inflected азаматтыққа/азаматтығын before құқық is the
# citizenship ("азаматтыққа құқығы бар" 'has the right to a nationality', UD kk udhr).
kk citizenship exclude =азаматтық қоғам
kk citizenship exclude =азаматтық белсенділік
kk citizenship exclude =азаматтық бастама
kk citizenship exclude =азаматтық ұстаным
kk citizenship exclude =азаматтық сана
kk citizenship exclude =азаматтық кодекс
kk citizenship exclude =азаматтық құқық
# іс 'case' is two letters (under the grammar's minimum stem): a glob part (істер, ісі, істі, іс жүргізу)
kk citizenship exclude =азаматтық іс*
# процесс loses one s before a suffix (процеске, процесі, процестік): a glob part
kk citizenship exclude =азаматтық процес*
kk citizenship exclude =азаматтық заңнама
kk citizenship exclude =азаматтық сот
kk citizenship exclude =азаматтық талап
kk citizenship exclude =азаматтық жауапкершілік
kk citizenship exclude =азаматтық айналым
kk citizenship exclude =азаматтық хал
kk citizenship exclude =азаматтық неке
kk citizenship exclude =азаматтық қорғаныс
kk citizenship exclude =азаматтық авиация
kk citizenship exclude =азаматтық қызметші
# азаматтық қозғалыс 'civic movement' (UD kk Иран: азаматтық қозғалыс 1918-21)
kk citizenship exclude =азаматтық қозғалыс
kk citizenship exclude =азамат соғыс
# The personal name Азамат (a common first name) and азамат 'citizen' have one match form: the case as written
# tells them apart (option case=, lexicons/README.md).
# - Capitalised inside a sentence (not its first word): the name, in any case form ("Қайырлы күн, Азамат.",
#   "Азамат Сейітов", "Сейітов Азамат", "Ол Азаматтың үйіне барды"). KazNERD and UD kk have no capitalised
#   'citizen' inside a sentence (the first word of a quoted sentence, «Азаматтар ...», is sentence-initial).
kk citizenship exclude азамат ; case=proper
# - At a sentence's start the capital says nothing, and the word counts as citizenship ("Азамат ... айырылуы
#   мүмкін" 'the citizen may be deprived ...', KazNERD), unless a surname or patronymic follows (-ов/-ев(а),
#   -ұлы, -қызы): "Азамат Сейітов келді." These multiwords need a capitalised Азамат (case=capital: wherever
#   it stands), so that court documents' "азамат Серіков" (citizen Serikov) stays citizenship. Globs are over
#   the match form (2021 Latin).
# - In capitals (a heading: АЗАМАТТАР) the case says nothing either: citizenship.
kk citizenship exclude =азамат *ov* ; case=capital
kk citizenship exclude =азамат *ev* ; case=capital
kk citizenship exclude =азамат ?*ūly* ; case=capital
kk citizenship exclude =азамат ?*qyzy* ; case=capital
kk homeland exclude =ұлы отан соғыс
kk homeland exclude =нұр отан
# «Жас Отан»: the youth wing of the Nur Otan party.
kk homeland exclude =жас отан
