# lexicons/diaspora/00-concepts.lex - the concepts of the default diaspora-policy lexicon.
#
# Format: lexicons/README.md. This file only defines concepts; the entries are in en.lex, kk.lex, ru.lex and
# uz.lex (one file per language, read after this one). Concept ids 1-29 are the required inventory of
# /work/shared/spec/concepts.tsv (same ids, same categories; the inventory's seed lemmas and notes are
# honoured in every language file). The rest are additions a diaspora-policy researcher expects (returnee
# terms, programmes, quotas, residence status, migration agencies, ...), each with entries in the languages
# where the term exists.
#
# Other senses ("civil society" is not citizenship, "Ұлы Отан соғысы" is not homeland) are multiword `exclude`
# entries at the end of each language file: a multiword exclusion removes the hits of its concept that overlap
# the span it matches (the engine implements it; lexicons/README.md only describes single-word exclusions, see
# the lexicon report). They create no concept, so the bundled corpus's counts stay those of
# tests/expected/bundled-tf.tsv.
#
# A parent is never counted implicitly (README "Concepts"): a hit on labour_migration is not a hit on migration;
# group by parent in the output if you want the union.

# ---- population -------------------------------------------------------------------------------------------
concept diaspora               population  label=Diaspora
concept compatriot             population  label=Compatriot
concept former_compatriot      population  parent=compatriot   label=Former compatriot
concept ethnic_kazakh          population  label=Ethnic Kazakh
concept ethnic_uzbek           population  label=Ethnic Uzbek
concept kandas                 population  label=Kandas (returnee, since 2020)
concept oralman                population  parent=kandas       label=Oralman (returnee, until 2020)
concept ethnic_immigrant       population  label=Ethnic (return) immigrant
concept karakalpak             population  label=Karakalpak

# ---- process ----------------------------------------------------------------------------------------------
concept repatriation           process     label=Repatriation
concept resettlement           process     label=Resettlement
concept migration              process     label=Migration
concept labour_migration       process     parent=migration    label=Labour migration
concept immigration            process     parent=migration    label=Immigration
concept emigration             process     parent=migration    label=Emigration

# ---- identity ---------------------------------------------------------------------------------------------
concept historical_homeland    identity    label=Historical homeland
concept atajurt                identity    parent=historical_homeland  label=Atajurt (ancestral homeland)
concept homeland               identity    label=Homeland
concept native_language        identity    label=Native language
concept state_language         identity    label=State language
concept national_culture       identity    label=National culture

# ---- status -----------------------------------------------------------------------------------------------
concept citizenship            status      label=Citizenship
concept dual_citizenship       status      parent=citizenship  label=Dual citizenship
concept abroad                 status      label=Abroad
concept residence_permit       status      label=Residence permit, permanent residence

# ---- policy -----------------------------------------------------------------------------------------------
concept adaptation_integration policy      label=Adaptation and integration
concept rights_protection      policy      label=Protection of rights
concept nurly_kosh             policy      label=Nurly Kosh programme
concept immigration_quota      policy      label=Immigration quota
concept visa_free              policy      label=Visa-free regime

# ---- economy ----------------------------------------------------------------------------------------------
concept investment             economy     label=Investment
concept remittances            economy     label=Remittances
concept entrepreneurship       economy     label=Entrepreneurship

# ---- foreign policy ---------------------------------------------------------------------------------------
concept soft_power             foreign_policy  label=Soft power

# ---- institutions -----------------------------------------------------------------------------------------
concept qurultai               institution label=Qurultai
concept otandastar_foundation  institution label=Otandastar Foundation
concept vatandoshlar_foundation institution label=Vatandoshlar Foundation
concept world_kazakh_association institution label=World Association of Kazakhs
concept assembly_people_kz     institution label=Assembly of People of Kazakhstan
concept migration_agency       institution label=Migration service or agency

# ---- economic and regional integration --------------------------------------------------------------------
# Eurasian / economic / regional integration: not the integration of migrants (adaptation_integration). A concept
# of its own (the longer span wins over "integration"), since it is a foreign-policy topic in these texts.
concept regional_integration   foreign_policy label=Economic or regional integration
