# lexicons/diaspora/en.lex - English entries of the default diaspora-policy lexicon.
#
# A `lemma` matches plural and possessive (morph/en.grammar, class noun; class verb adds -s -ed -ing).
# English has no Snowball here on purpose: diaspora, diasporic and diaspore (a mineral) would share a stem.
# Derived words are entries of their own. British and American spellings are separate entries
# (labour/labor). Multiword parts inflect (ethnic Kazakhs, migrant workers); =word is exact.

# ---- diaspora ---------------------------------------------------------------------------------------------
en diaspora lemma diaspora
en diaspora lemma diasporic ; class=exact
en diaspora lemma diasporal ; class=exact
# diaspore (a mineral, also a botanical term for a dispersal unit) is not a diaspora: not reached by the
# plural rule of "diaspora"; excluded so that no later glob (diaspor*) can count it.
en diaspora exclude diaspore*

# ---- compatriot -------------------------------------------------------------------------------------------
en compatriot lemma compatriot
# patriot, patriotic: other words; compatriotism is not a person
en compatriot exclude compatriotism*
# "compatriots living abroad" is counted as compatriot + abroad (two hits), as the bundled corpus's expected
# counts do; no multiword concept takes that span. "Former compatriot" is a different person: own concept.
en former_compatriot multi former compatriot

# ---- ethnic_kazakh / ethnic_uzbek -------------------------------------------------------------------------
en ethnic_kazakh multi ethnic kazakh
en ethnic_kazakh multi ethnic qazaq
en ethnic_kazakh multi ethnic kazak
en ethnic_uzbek multi ethnic uzbek

# ---- kandas / oralman / ethnic_immigrant ------------------------------------------------------------------
en kandas lemma kandas
en kandas lemma qandas
# English plural of the loan, where writers add one
en kandas lemma kandases ; class=exact
en kandas lemma qandases ; class=exact
en oralman lemma oralman
en oralman lemma oralmans ; class=exact
en oralman lemma oralmany ; class=exact
en ethnic_immigrant multi ethnic immigrant
en ethnic_immigrant multi ethnic =return migrant
en ethnic_immigrant multi ethnic =return migration
en ethnic_immigrant multi ethnic repatriate
en ethnic_immigrant multi =co-ethnic migrant
en ethnic_immigrant multi =co-ethnic immigrant

# ---- karakalpak -------------------------------------------------------------------------------------------
en karakalpak lemma karakalpak
en karakalpak lemma qaraqalpaq
en karakalpak lemma karakalpaq
# Karakalpakstan / Qaraqalpaqstan: the republic, not the people (not reached by the plural rule).
en karakalpak exclude karakalpakstan*

# ---- repatriation / resettlement --------------------------------------------------------------------------
en repatriation lemma repatriation
en repatriation lemma repatriate ; class=verb
en repatriation lemma repatriate
en repatriation lemma repatriant
en repatriation lemma returnee
en resettlement lemma resettlement
en resettlement lemma resettle ; class=verb
en resettlement lemma resettler

# ---- migration / labour_migration / immigration / emigration ----------------------------------------------
en migration lemma migration
en migration lemma migrant
en labour_migration multi labour migration
en labour_migration multi labor migration
en labour_migration multi labour migrant
en labour_migration multi labor migrant
en labour_migration multi labour emigration
en labour_migration multi labor emigration
en labour_migration multi migrant worker
en labour_migration multi migrant labour
en labour_migration multi migrant labor
en labour_migration multi guest worker
en labour_migration lemma gastarbeiter
en labour_migration multi foreign worker
en labour_migration multi foreign labour
en labour_migration multi foreign labor
en immigration lemma immigration
en immigration lemma immigrant
en immigration lemma immigrate ; class=verb
en emigration lemma emigration
en emigration lemma emigrant
en emigration lemma emigrate ; class=verb
en emigration lemma emigre
en emigration lemma émigré

# ---- homeland ---------------------------------------------------------------------------------------------
en historical_homeland multi historical homeland
en historical_homeland multi historic homeland
en historical_homeland multi ancestral homeland
en atajurt lemma atajurt
en atajurt lemma atazhurt
en homeland lemma homeland
en homeland lemma motherland
en homeland lemma fatherland
en homeland multi home country
# "Homeland Security" (a US department) counts as homeland (rare in this corpus: not excluded).

# ---- language and culture ---------------------------------------------------------------------------------
en native_language multi native language
en native_language multi mother tongue
en state_language multi state language
en national_culture multi national culture

# ---- citizenship ------------------------------------------------------------------------------------------
en citizenship lemma citizenship
en citizenship lemma citizen
# nationality alone is not listed: in translations from Russian and Kazakh it usually means ethnicity
# (национальность, ұлты): "of Kazakh nationality".
en dual_citizenship multi dual citizenship
en dual_citizenship multi double citizenship
en dual_citizenship multi dual nationality
en dual_citizenship multi second citizenship

# ---- abroad -----------------------------------------------------------------------------------------------
en abroad lemma abroad ; class=exact
en abroad lemma overseas ; class=exact
en abroad multi foreign country
en abroad multi foreign state

# ---- residence_permit / visa_free -------------------------------------------------------------------------
en residence_permit multi residence permit
# "permanent residence" alone is not listed: "arrived ... for permanent residence" is a purpose, not a status.
en residence_permit multi permanent residency
en residence_permit multi permanent resident
en residence_permit multi =permit =for permanent residence
en visa_free lemma visa-free ; class=exact
en visa_free multi visa-free regime
en visa_free multi visa =free regime
en visa_free multi visa-free travel
en visa_free multi visa waiver

# ---- adaptation_integration -------------------------------------------------------------------------------
en adaptation_integration lemma adaptation
en adaptation_integration lemma integration
en regional_integration multi eurasian integration
en regional_integration multi economic integration
en regional_integration multi regional integration
en regional_integration multi eurasian economic integration

# ---- rights_protection ------------------------------------------------------------------------------------
en rights_protection multi protection [3] right
en rights_protection multi protect [3] right ; class=verb
en rights_protection multi rights protection
en rights_protection multi defend [3] right ; class=verb

# ---- nurly_kosh / immigration_quota -----------------------------------------------------------------------
en nurly_kosh multi =nurly =kosh
en nurly_kosh multi =nurly =kush
en immigration_quota multi immigration quota
en immigration_quota multi quota [2] immigration
en immigration_quota multi resettlement quota
# "regional quota": in Kazakhstan's migration law the regional quota for settling kandas (in other texts a
# regional quota may be anything: a precision risk accepted for legal corpora of the region).
en immigration_quota multi regional quota

# ---- economy ----------------------------------------------------------------------------------------------
en investment lemma investment
en investment lemma investor
en remittances lemma remittance
en remittances multi money transfer
en entrepreneurship lemma entrepreneurship
en entrepreneurship lemma entrepreneur
en entrepreneurship lemma entrepreneurial ; class=exact
en entrepreneurship lemma business
en entrepreneurship lemma businessman ; class=exact
en entrepreneurship lemma businessmen ; class=exact
en entrepreneurship lemma businesswoman ; class=exact
en entrepreneurship lemma businesswomen ; class=exact

# ---- soft_power -------------------------------------------------------------------------------------------
en soft_power multi soft power

# ---- institutions -----------------------------------------------------------------------------------------
en qurultai lemma kurultai
en qurultai lemma qurultai
en qurultai lemma qurultay
en qurultai lemma kurultay
en otandastar_foundation multi =otandastar foundation
en otandastar_foundation multi =otandastar fund
en otandastar_foundation multi =otandastar =qory
en otandastar_foundation lemma otandastar ; class=exact
en vatandoshlar_foundation multi =vatandoshlar foundation
en vatandoshlar_foundation multi =vatandoshlar fund
en vatandoshlar_foundation lemma vatandoshlar ; class=exact
en world_kazakh_association multi =world =association =of =kazakhs
en world_kazakh_association multi =world =kazakh association
en world_kazakh_association multi =world =association =of =the =kazakhs
en assembly_people_kz multi =assembly =of =people =of =kazakhstan
en assembly_people_kz multi =assembly =of =the =people =of =kazakhstan
en assembly_people_kz multi =assembly =of =peoples =of =kazakhstan
en assembly_people_kz multi =people's =assembly =of =kazakhstan
en migration_agency multi migration service
en migration_agency multi migration police

# ---- other senses: multiword exclusions ------------------------------------------------------------------
# A multiword `exclude` removes its concept's hits that overlap the span it matches (exclusions apply before
# overlaps are resolved), so that these phrases count for nothing.
en citizenship exclude civil society
en citizenship exclude civil code
en citizenship exclude civil war
en citizenship exclude citizen assembly
en citizenship exclude citizen gathering
en citizenship exclude =assembly =of citizen
en citizenship exclude senior citizen
en homeland exclude great patriotic war
en homeland exclude =nur =otan
