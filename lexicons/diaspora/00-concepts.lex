# lexicons/diaspora/00-concepts.lex - the concepts of the default diaspora-policy lexicon.
#
# Format: lexicons/README.md. This file only defines concepts; the entries are in en.lex, kk.lex, ru.lex and
# uz.lex (one file per language, read after this one). Concept ids 1-29 are the required inventory of
# /work/shared/spec/concepts.tsv (same ids, same categories). The rest are additions:
#   - concepts a diaspora-policy researcher expects (returnee terms, programmes, quotas, residence status, ...);
#   - "competitor" concepts: multiword terms that contain a word of another concept but mean something else
#     (azamattyq qogham = civil society, not citizenship; Ūly Otan soghysy = the Great Patriotic War, not
#     homeland). The format has no multiword exclusion, so these are concepts of their own: by the overlap rule
#     the longer span wins and the shorter concept is not counted there. They are real concepts (counted and
#     reported under their own ids), with category `other_sense` when they exist only to keep a count clean.
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

# ---- other senses: counted under their own ids so that they do not inflate the concepts above ------------
# azamattyq qogham / grazhdanskoe obshchestvo / fuqarolik jamiyati: not citizenship.
concept civil_society          other_sense label=Civil society (not citizenship)
# azamattyq kodeks, fuqarolik ishlari, ...: "civil" in the legal sense (civil law, procedure, status, defence).
concept civil_law              other_sense label=Civil law and civil procedure (not citizenship)
# azamat soghysy: the Civil War.
concept civil_war              other_sense label=Civil War (not citizenship)
# fuqarolar yighini / skhod grazhdan: the Uzbek local self-government body (mahalla), not citizenship.
concept citizens_assembly      other_sense label=Citizens' assembly, local self-government (not citizenship)
# Azamat + surname: the personal name, not citizenship.
concept azamat_name            other_sense label=Personal name Azamat (not citizenship)
# senior citizens: the elderly, not citizenship.
concept senior_citizens        other_sense label=Senior citizens (not citizenship)
# Ūly Otan soghysy / Ulugh Vatan urushi: the Great Patriotic War, not homeland.
concept great_patriotic_war    other_sense label=Great Patriotic War (not homeland)
# Nūr Otan: the party, not homeland.
concept nur_otan_party         other_sense label=Nur Otan party (not homeland)
# qūryltai qūjattary: constituent documents of a legal entity, not the Qurultai.
concept constituent_documents  other_sense label=Constituent documents and founders' meetings (not Qurultai)
# Eurasian / economic / regional integration: not the integration of migrants.
concept regional_integration   other_sense label=Economic or regional integration (not migrant integration)
