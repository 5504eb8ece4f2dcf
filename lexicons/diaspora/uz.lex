# lexicons/diaspora/uz.lex - Uzbek entries of the default diaspora-policy lexicon.
#
# Written in the official Latin alphabet with U+02BB for oʻ gʻ (and U+02BC for the glottal stop); the engine
# folds Cyrillic documents (ватандош, ўзбек, ҳуқуқ) and every apostrophe variant (o'zbek, o‘zbek, o`zbek) to
# the same match form, so these entries match both scripts.
# A `lemma` matches the noun chain of morph/uz.grammar (plural -lar, possessive, case, -dagi, predicative
# -dir, with k>g and q>gʻ before a vowel). Derivations (-lik, -siz, -chi, -iy/-viy) are NOT in the chain: they
# count only where listed below (fuqarolik is citizenship; vatandoshlik, xorijiy are not counted).
# Multiwords: the head (last word) inflects; parts written =word are exact.

# ---- diaspora ---------------------------------------------------------------------------------------------
uz diaspora lemma diaspora

# ---- compatriot -------------------------------------------------------------------------------------------
uz compatriot lemma vatandosh
# vatandoshlik 'compatriotship' (-lik), vatandoshlarcha: derivations; safety exclusions.
uz compatriot exclude vatandoshlik*
# "compatriots living abroad" is counted as compatriot + abroad (two hits), as the bundled corpus's expected
# counts do; no multiword concept takes that span. "Former compatriot" is a different person: own concept.
uz former_compatriot multi sobiq vatandosh

# ---- ethnic_kazakh / ethnic_uzbek -------------------------------------------------------------------------
uz ethnic_kazakh multi etnik qozoq
uz ethnic_uzbek multi etnik oʻzbek

# ---- kandas / oralman / ethnic_immigrant ------------------------------------------------------------------
# qandosh: the Uzbek rendering of Kazakh қандас (the general Uzbek word for a blood relative is qondosh: not listed).
uz kandas lemma qandosh
uz kandas lemma qandas
uz oralman lemma oralman
uz ethnic_immigrant multi etnik immigrant
uz ethnic_immigrant multi etnik muhojir

# ---- karakalpak -------------------------------------------------------------------------------------------
uz karakalpak lemma qoraqalpoq
# Qoraqalpogʻiston is the republic: not in the chain (-iston); safety exclusion.
uz karakalpak exclude qoraqalpogʻiston*

# ---- repatriation / resettlement --------------------------------------------------------------------------
uz repatriation lemma repatriatsiya
uz repatriation lemma repatriant
uz resettlement multi =koʻchib kelish
uz resettlement multi =koʻchib keluvchi
uz resettlement multi =koʻchirib =keltirish

# ---- migration / labour_migration / immigration / emigration ----------------------------------------------
uz migration lemma migratsiya
uz migration lemma migrant
uz migration lemma muhojir
# migratsion 'migration (adj)': derivation counted like Russian миграционный.
uz migration lemma migratsion
uz labour_migration multi mehnat migratsiya
uz labour_migration multi mehnat muhojir
uz labour_migration multi mehnat migrant
uz labour_migration multi mehnat muhojirlik
uz labour_migration multi xorijiy =ishchi kuch
uz immigration lemma immigratsiya
uz immigration lemma immigrant
uz emigration lemma emigratsiya
uz emigration lemma emigrant
# muhojirat 'emigration, the emigré community' (Arabic plural of muhojir)
uz emigration lemma muhojirat
uz emigration multi =koʻchib ketish

# ---- homeland ---------------------------------------------------------------------------------------------
uz historical_homeland multi tarixiy vatan
uz atajurt multi =ota yurt
uz atajurt lemma atajurt
uz homeland lemma vatan
# vatanparvar 'patriot', vatanparvarlik 'patriotism', vatandosh (compatriot): derivations/compounds, not homeland.
uz homeland exclude vatanparvar*
uz homeland exclude vatandosh*
uz homeland exclude vataniy
# "Ulugʻ Vatan urushi" is the Great Patriotic War (excluded at the end of the file).

# ---- language and culture ---------------------------------------------------------------------------------
uz native_language multi ona til
uz state_language multi davlat til
uz national_culture multi milliy madaniyat

# ---- citizenship ------------------------------------------------------------------------------------------
uz citizenship lemma fuqaro
uz citizenship lemma fuqarolik
# fuqarolik-huquqiy 'civil-law' (one hyphenated token): civil law, not citizenship.
uz citizenship exclude fuqarolik-*
# fuqarosiz (derivation -siz): safety exclusion.
uz citizenship exclude fuqarosiz*
uz dual_citizenship multi ikki fuqarolik
uz dual_citizenship multi =qoʻsh fuqarolik
uz dual_citizenship multi ikkinchi fuqarolik
uz dual_citizenship multi =ikki =tomonlama fuqarolik

# ---- abroad -----------------------------------------------------------------------------------------------
uz abroad lemma xorij
# xorijiy 'foreign' (-iy): derivation, parallel to Kazakh шетелдік; not counted.
uz abroad exclude xorijiy*
uz abroad multi =chet el
uz abroad multi =chet davlat

# ---- residence_permit / visa_free -------------------------------------------------------------------------
uz residence_permit multi yashash guvohnoma
uz residence_permit multi =yashash =uchun guvohnoma
uz residence_permit multi =yashash =uchun ruxsatnoma
uz residence_permit multi =doimiy =yashash =uchun ruxsat*
uz visa_free multi vizasiz rejim
uz visa_free lemma vizasiz

# ---- adaptation_integration -------------------------------------------------------------------------------
uz adaptation_integration lemma moslashtirish
uz adaptation_integration lemma moslashuv
uz adaptation_integration lemma moslashish
uz adaptation_integration lemma integratsiya
uz adaptation_integration lemma adaptatsiya
uz regional_integration multi yevroosiyo integratsiya
uz regional_integration multi iqtisodiy integratsiya
uz regional_integration multi mintaqaviy integratsiya

# ---- rights_protection ------------------------------------------------------------------------------------
# huquqlarini himoya qilish, huquqlari va erkinliklarini himoya qilish, huquqlari himoyasi. (Law enforcement
# is "huquqni muhofaza qilish": muhofaza, not himoya.)
uz rights_protection multi huquq [3] himoya

# ---- nurly_kosh / immigration_quota -----------------------------------------------------------------------
uz nurly_kosh multi =nurly =kosh
uz nurly_kosh multi =nurli =koʻch
uz immigration_quota multi immigratsiya kvota
uz immigration_quota multi migratsiya kvota

# ---- economy ----------------------------------------------------------------------------------------------
uz investment lemma investitsiya
uz investment lemma investitsiyaviy
uz investment lemma investor
uz remittances multi pul oʻtkazma
uz entrepreneurship lemma tadbirkor
uz entrepreneurship lemma tadbirkorlik
uz entrepreneurship lemma biznes
uz entrepreneurship lemma biznesmen
uz entrepreneurship glob biznes-*

# ---- soft_power -------------------------------------------------------------------------------------------
uz soft_power multi yumshoq kuch

# ---- institutions -----------------------------------------------------------------------------------------
uz qurultai lemma qurultoy
uz otandastar_foundation multi =otandastar jamgʻarma
uz otandastar_foundation multi =otandastar fond
uz otandastar_foundation lemma otandastar ; class=exact
uz vatandoshlar_foundation multi =vatandoshlar =jamoat fond
uz vatandoshlar_foundation multi =vatandoshlar fond
uz world_kazakh_association multi =jahon =qozoqlari assotsiatsiya
uz assembly_people_kz multi =qozogʻiston =xalqi assambleya
uz migration_agency multi migratsiya xizmat
uz migration_agency multi =migratsiya =va fuqarolik* rasmiylashtirish

# ---- other senses: multiword exclusions ------------------------------------------------------------------
# A multiword `exclude` removes its concept's hits that overlap the span it matches (exclusions apply before
# overlaps are resolved), so that these phrases count for nothing. The modifier is exact (=fuqarolik): an
# Uzbek attribute does not inflect, and an inflected fuqarolikka/fuqaroligini is the citizenship.
uz citizenship exclude =fuqarolik jamiyat
uz citizenship exclude =fuqarolik institut
uz citizenship exclude =fuqarolik kodeks
uz citizenship exclude =fuqarolik ish
uz citizenship exclude =fuqarolik holat
uz citizenship exclude =fuqarolik protsessual
uz citizenship exclude =fuqarolik huquq
uz citizenship exclude =fuqarolik qonunchilik
uz citizenship exclude =fuqarolik sud
uz citizenship exclude =fuqarolik javobgarlik
uz citizenship exclude =fuqarolik daʼvo
uz citizenship exclude =fuqarolik muomala
uz citizenship exclude =fuqarolik mudofaa
uz citizenship exclude =fuqarolik aviatsiya
uz citizenship exclude =fuqarolar urush
uz citizenship exclude =fuqarolik urush
# fuqarolar yigʻini: the mahalla citizens' assembly (local self-government), very frequent in Uzbek law.
uz citizenship exclude =fuqarolar yigʻin
# the genitive construction of the same names: fuqarolarning yigʻinlari, fuqarolarning oʻzini oʻzi boshqarish organlari
uz citizenship exclude =fuqarolarning yigʻin
uz citizenship exclude =fuqarolar =oʻzini =oʻzi boshqarish
uz citizenship exclude =fuqarolarning =oʻzini =oʻzi boshqarish
uz homeland exclude =ulugʻ vatan urush
