# lexicons/diaspora/ru.lex - Russian entries of the default diaspora-policy lexicon.
#
# A `lemma` matches by Snowball stem set (morph/ru.grammar): the stems of the lemma, of its genitive singular
# and of its nominative plural (from `forms=` or the class's ending table). Derived words have other stems
# (миграция -> миграц, миграционный -> миграцион; гражданство -> гражданств, гражданский -> гражданск) and count
# only where listed as entries of their own. Adjectives take class=adj. Multiword parts inflect and agree
# (трудовой миграции, этническими казахами).
#
# An irregular oblique stem (гражданин: граждане, граждан) is given with `forms=`: the stems of the forms an
# entry gives all match on their own (ru.grammar "weak-stems" only restricts the lemma's own stem and those of
# generated forms where Snowball cut into the stem: казах -> каз).
# ё is folded to е in the match form: entries are written with е.

# ---- diaspora ---------------------------------------------------------------------------------------------
ru diaspora lemma диаспора
# диаспоральный, диаспорный: derivations that concepts.tsv counts for diaspora (own stems: диаспоральн, диаспорн)
ru diaspora lemma диаспоральный ; class=adj
ru diaspora lemma диаспорный ; class=adj

# ---- compatriot -------------------------------------------------------------------------------------------
ru compatriot lemma соотечественник ; forms=соотечественника,соотечественники
ru compatriot lemma соотечественница ; forms=соотечественницы,соотечественницы
# отечество 'fatherland' is homeland; отечественный 'domestic' is neither. Their stems (отечеств, отечествен)
# differ from соотечественник already; listed so that no later glob or regex entry can reach them.
ru compatriot exclude отечеств*
# "compatriots living abroad" is counted as compatriot + abroad (two hits), as the bundled corpus's expected
# counts do; no multiword concept takes that span. "Former compatriot" is a different person: own concept.
ru former_compatriot multi бывший соотечественник

# ---- ethnic_kazakh / ethnic_uzbek -------------------------------------------------------------------------
ru ethnic_kazakh multi этнический казах
ru ethnic_uzbek multi этнический узбек

# ---- kandas / oralman / ethnic_immigrant ------------------------------------------------------------------
ru kandas lemma кандас ; forms=кандаса,кандасы
# оралман -> оралма, but оралманов, оралманам -> оралман (normalization.md §5.4): the genitive plural that
# ru.grammar generates puts both stems in the set (the weak-stem rule keeps оралма from matching anything but
# оралман-).
ru oralman lemma оралман
ru ethnic_immigrant multi этнический иммигрант
ru ethnic_immigrant multi этнический мигрант
ru ethnic_immigrant multi этнический репатриант

# ---- karakalpak -------------------------------------------------------------------------------------------
ru karakalpak lemma каракалпак ; forms=каракалпака,каракалпаки
ru karakalpak lemma каракалпачка
# Каракалпакстан (the republic) and каракалпакский (adjective) have their own stems: not counted.
ru karakalpak exclude каракалпакста*

# ---- repatriation / resettlement --------------------------------------------------------------------------
ru repatriation lemma репатриация
ru repatriation lemma репатриант ; forms=репатрианта,репатрианты
ru repatriation lemma репатриантка
ru repatriation lemma репатриационный ; class=adj
ru resettlement lemma переселение
# the oblique stem переселенц (переселенца, переселенцы, переселенцев) comes from the forms
ru resettlement lemma переселенец ; forms=переселенца,переселенцы
ru resettlement lemma переселенка
ru resettlement lemma переселенческий ; class=adj

# ---- migration / labour_migration / immigration / emigration ----------------------------------------------
ru migration lemma миграция
ru migration lemma мигрант ; forms=мигранта,мигранты
ru migration lemma мигрантка
# миграционный: counted (spec morph-vectors: миграционной = migration)
ru migration lemma миграционный ; class=adj
ru labour_migration multi трудовой миграция
ru labour_migration multi трудовой мигрант
ru labour_migration multi трудовой иммигрант
ru labour_migration multi трудовой эмиграция
ru labour_migration multi трудовой иммиграция
ru labour_migration glob трудящи*-иммигрант*
ru labour_migration multi иностранный рабочий сила
ru labour_migration lemma гастарбайтер ; forms=гастарбайтера,гастарбайтеры
ru immigration lemma иммиграция
ru immigration lemma иммигрант ; forms=иммигранта,иммигранты
ru immigration lemma иммиграционный ; class=adj
ru emigration lemma эмиграция
ru emigration lemma эмигрант ; forms=эмигранта,эмигранты
ru emigration lemma эмиграционный ; class=adj

# ---- homeland ---------------------------------------------------------------------------------------------
ru historical_homeland multi исторический родина
ru atajurt lemma атажурт
ru atajurt lemma атажұрт
ru homeland lemma родина
ru homeland lemma отечество
# отечественный 'domestic' (and Великая Отечественная война) is not the homeland: stem отечествен.
ru homeland exclude отечествен*
# родной 'native' (родн-) and родинка 'mole' have other stems; родины is also 'birth celebration' (rare).

# ---- language and culture ---------------------------------------------------------------------------------
ru native_language multi родной язык
ru state_language multi государственный язык
ru national_culture multi национальный культура

# ---- citizenship ------------------------------------------------------------------------------------------
ru citizenship lemma гражданство
# граждане, гражданам -> граждан and граждан (genitive plural) -> гражда: irregular plural, given.
ru citizenship lemma гражданин ; forms=гражданина,граждане,граждан
ru citizenship lemma гражданка
# гражданский 'civil' (гражданское общество, Гражданский кодекс) and гражданско-правовой: stem гражданск,
# never citizenship. Listed so that no later entry can reach them.
ru citizenship exclude гражданск*
ru dual_citizenship multi двойной гражданство
ru dual_citizenship multi второй гражданство

# ---- abroad -----------------------------------------------------------------------------------------------
ru abroad multi =за =рубежом
ru abroad multi =за =рубеж
ru abroad multi =из-за =рубежа
ru abroad multi =из =за =рубежа
ru abroad multi =за =границей
ru abroad multi =за =границу
ru abroad multi =из-за =границы
ru abroad multi =из =за =границы
ru abroad lemma зарубежный ; class=adj
ru abroad lemma зарубежье
# заграничный (заграничный паспорт = passport for travel abroad) is not listed: it names a document type.

# ---- residence_permit / visa_free -------------------------------------------------------------------------
ru residence_permit multi вид =на =жительство
ru residence_permit multi разрешение =на постоянный проживание
ru residence_permit multi разрешение =на временный проживание
ru residence_permit multi разрешение =на проживание
ru visa_free multi безвизовый режим
ru visa_free lemma безвизовый ; class=adj

# ---- adaptation_integration -------------------------------------------------------------------------------
ru adaptation_integration lemma адаптация
ru adaptation_integration lemma интеграция
ru adaptation_integration lemma адаптационный ; class=adj
# интеграционный is mostly economic (интеграционные процессы, объединения): not listed.
ru regional_integration multi евразийский интеграция
ru regional_integration multi экономический интеграция
ru regional_integration multi региональный интеграция
ru regional_integration multi евразийский экономический интеграция

# ---- rights_protection ------------------------------------------------------------------------------------
# защита прав, защиты их прав, защите законных прав, защита прав и законных интересов. A gap of up to 3 words.
ru rights_protection multi защита [3] =прав
ru rights_protection multi защита [3] =права
ru rights_protection multi защита [3] =правам
ru rights_protection multi защищать [3] =права
ru rights_protection lemma правозащитный ; class=adj

# ---- nurly_kosh / immigration_quota -----------------------------------------------------------------------
ru nurly_kosh multi =нурлы =кош
ru nurly_kosh multi =нұрлы =көш
ru immigration_quota multi квота [2] иммиграция
ru immigration_quota multi иммиграционный квота
ru immigration_quota multi региональный квота
ru immigration_quota multi квота =на =переселение
ru immigration_quota multi квота [1] =приема

# ---- economy ----------------------------------------------------------------------------------------------
ru investment lemma инвестиция
ru investment lemma инвестор ; forms=инвестора,инвесторы
ru investment lemma инвестиционный ; class=adj
ru remittances multi денежный перевод
ru entrepreneurship lemma предпринимательство
ru entrepreneurship lemma предприниматель ; forms=предпринимателя,предприниматели
ru entrepreneurship lemma предпринимательский ; class=adj
ru entrepreneurship lemma бизнес ; forms=бизнеса,бизнесы
ru entrepreneurship lemma бизнесмен
ru entrepreneurship glob бизнес-*

# ---- soft_power -------------------------------------------------------------------------------------------
ru soft_power multi мягкий сила

# ---- institutions -----------------------------------------------------------------------------------------
ru qurultai lemma курултай ; forms=курултая,курултаи
ru otandastar_foundation multi фонд =отандастар
ru otandastar_foundation multi =отандастар =қоры
ru otandastar_foundation multi =отандастар =коры
# in a Russian text the Kazakh word Отандастар only ever names the foundation
ru otandastar_foundation lemma отандастар ; class=exact
ru vatandoshlar_foundation multi фонд =ватандошлар
ru vatandoshlar_foundation lemma ватандошлар ; class=exact
ru world_kazakh_association multi всемирный ассоциация =казахов
ru assembly_people_kz multi ассамблея народ* =казахстана
ru migration_agency multi миграционный служба
ru migration_agency multi миграционный полиция
ru migration_agency multi миграции =и оформления гражданства

# ---- other senses: multiword exclusions ------------------------------------------------------------------
# A multiword `exclude` removes its concept's hits that overlap the span it matches (exclusions apply before
# overlaps are resolved), so that these phrases count for nothing.
# гражданское общество / Гражданский кодекс / гражданская война: their stem гражданск never reaches citizenship.
# сход граждан, органы самоуправления граждан: the mahalla citizens' assembly (Uzbekistan), not citizenship.
ru citizenship exclude сход =граждан
ru citizenship exclude самоуправление =граждан
