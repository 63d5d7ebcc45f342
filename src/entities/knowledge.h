// KnowledgeBase: the curated tables that link entity mentions to canonical ids and actors.
//
// The tables live in data/knowledge/ (countries.tsv, places.tsv, organisations.tsv, people.tsv,
// role_phrases.tsv, designators.tsv, titles.tsv; format and sources in data/knowledge/SOURCES.md). Load() reads them once
// into an immutable object; every method is const, allocates nothing shared and keeps no cache,
// so one KnowledgeBase can be used from any number of threads at once.
//
//   auto kb = wirewatch::KnowledgeBase::Load(data_dir + "/data/knowledge");
//   if (!kb.ok()) return kb.status();               // "people.tsv:57: bad start date '2024-13-01'"
//   for (const auto& c : (*kb)->Lookup("Poetin", {.date = "2022-01-12"})) use(c.id, c.actor);
//   const auto* sg = (*kb)->PersonFor("secretary_general", "NATO", "2025-01-20");  // Mark Rutte
//
// Surface lookup normalises Unicode (NFC), typographic apostrophes and spaces, then tries three
// levels and answers from the most precise one that has any hit: exact, case-folded (ICU full
// case folding: "navo" -> NAVO), and case-folded without diacritics ("Oekraine" -> Oekraïne). The
// candidates say which level matched, so a caller can refuse a folded hit on a short form.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wirewatch {

// What a table row describes.
enum class KnowledgeKind { kCountry, kPlace, kOrganisation, kPerson };

// How a surface form names the row. kWeakAlias forms ("het bondgenootschap" -> NATO, "Senaat" ->
// US Senate) are only safe with supporting context; callers should demand it.
enum class SurfaceForm { kName, kAbbreviation, kAdjective, kDemonym, kWeakAlias };

// Which normalisation level produced a hit.
enum class MatchLevel { kExact, kCaseFolded, kAccentFolded };

// One term of office: role held for actor from start (inclusive) to end (exclusive; empty = in
// office when the table was written). Dates are "YYYY-MM-DD"; an empty start means the start was
// not recorded, and such a term never answers a dated query.
struct Term {
  std::string role;   // head_of_state, foreign_minister, secretary_general, ...
  std::string title;  // Dutch title noun as news uses it: president, premier, bondskanselier
  std::string actor;  // ISO 3166 alpha-3 or organisation code
  std::string start;
  std::string end;
  std::string note;
};

// One row (countries, places, organisations) or one person (people.tsv rows merged by key).
struct KnowledgeEntry {
  KnowledgeKind kind = KnowledgeKind::kCountry;
  std::string key;      // table key: alpha-3, place key, organisation key, person key
  std::string id;       // Wikidata QID when the table has one, else "ww:<kind>:<key>" (stable)
  std::string qid;      // may be empty
  std::string name;     // canonical display name (Dutch, as the gold records use)
  std::string name_en;  // English name, may equal name
  std::string type;     // mention type of a name: PER, LOC, ORG or MISC
  std::string actor;    // actor code a name mention stands for; persons: latest term's actor
  std::string country;  // places: state it lies in; countries: sovereign of a territory
  std::string subkind;  // capital, city, region, igo, armed_group, government_seat, ...
  std::string adjective;               // canonical adjective ("Russisch"), empty if none
  std::vector<std::string> alt_actors;  // other readings (Brussel: EU, NATO)
  std::vector<Term> terms;              // persons only, ordered by start
};

// A hit of Lookup(): the entry plus how this surface refers to it.
struct KnowledgeCandidate {
  const KnowledgeEntry* entry = nullptr;  // owned by the KnowledgeBase
  SurfaceForm form = SurfaceForm::kName;
  MatchLevel match = MatchLevel::kExact;
  std::string id;     // entry->id
  std::string name;   // display name for this mention: the adjective for adjective forms
  std::string type;   // mention type: MISC for adjectives and demonyms, else entry->type
  std::string actor;  // persons: actor of the term active on the lookup date, if any
  const Term* term = nullptr;  // persons: that term, or nullptr
};

struct LookupOptions {
  std::string_view date;      // "YYYY-MM-DD..." (longer ISO strings are cut); empty = undated
  bool include_weak = false;  // also return kWeakAlias forms
};

// A Dutch role phrase ("NAVO-chef", "de Russische president" minus its adjective).
struct RolePhrase {
  std::string phrase;
  std::string role;           // may be empty when the title alone decides
  std::string title;          // may be empty
  std::string actor;          // actor the phrase itself names ("NAVO-chef" -> NATO)
  std::string default_actor;  // actor to assume when the context names none
  std::string note;
};

// Version strings from each table's header comment.
struct KnowledgeVersions {
  std::string countries, places, organisations, people, role_phrases, designators, portfolios, titles;
};

class KnowledgeBase {
 public:
  // Loads the seven tables from `folder`. Errors name the file and line: a missing file is
  // NotFound, a malformed row, bad date, unknown actor, duplicate key or invalid UTF-8 is
  // Corrupt. Never throws.
  static StatusOr<std::unique_ptr<const KnowledgeBase>> Load(const std::string& folder);

  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;
  ~KnowledgeBase();

  // Candidates for a surface form, from the most precise MatchLevel that has any. Order: strong
  // forms before weak, then countries, places, organisations, persons, then table order.
  std::vector<KnowledgeCandidate> Lookup(std::string_view surface,
                                         const LookupOptions& options = {}) const;

  // Adjective or demonym ("Russische", "Amerikanen", "Europese") -> its entry, type MISC.
  // Returns nothing when the word is not an adjective or demonym form in the tables.
  std::optional<KnowledgeCandidate> LookupAdjective(std::string_view word) const;

  // The person who held `role` for `actor` on `date` ("YYYY-MM-DD"), or nullptr. When terms
  // overlap (a handover day is not double-booked: end is exclusive) the latest start wins.
  const KnowledgeEntry* PersonFor(std::string_view role, std::string_view actor,
                                  std::string_view date) const;
  // Same, with an optional title filter: "president" finds Iran's president (head of
  // government) for IRN. Either role or title may be empty, not both.
  const KnowledgeEntry* PersonFor(std::string_view role, std::string_view title,
                                  std::string_view actor, std::string_view date) const;

  // Role phrase by case-folded match, or nullptr.
  const RolePhrase* FindRolePhrase(std::string_view phrase) const;

  // Whether `word` is a noun of profession, rank or address that makes the name right after it a
  // person (titles.tsv, case-folded; also a compound's head or a hyphenated word's part).
  bool IsPersonTitle(std::string_view word) const;

  // The mention type a name's last word designates ("Bank" -> ORG, designators.tsv; matched
  // case-folded), or empty.
  std::string_view DesignatedType(std::string_view last_word) const;

  // What `word` is in a ministry phrase (portfolios.tsv, case-folded): a minister's title
  // ("minister"), a ministry's ("ministerie"), a portfolio word ("Buitenlandse", "Zaken"), or
  // none.
  enum class MinistryWord { kNone, kMinisterTitle, kMinistryTitle, kPortfolio };
  MinistryWord MinistryWordKind(std::string_view word) const;

  // Direct access by key; nullptr when absent.
  const KnowledgeEntry* Country(std::string_view alpha3) const;
  const KnowledgeEntry* Find(KnowledgeKind kind, std::string_view key) const;

  // True for ISO alpha-3 codes in countries.tsv and organisation actor codes.
  bool IsKnownActor(std::string_view code) const;

  // All entries of one kind, in table order; all role phrases.
  const std::vector<KnowledgeEntry>& Entries(KnowledgeKind kind) const;
  const std::vector<RolePhrase>& RolePhrases() const;
  const KnowledgeVersions& versions() const;

 private:
  struct Data;
  explicit KnowledgeBase(std::unique_ptr<Data> data);
  std::unique_ptr<Data> data_;
};

// Normalisation used for lookups, exposed for tests and for callers that build their own keys.
// Level kExact: NFC, typographic apostrophes to ', runs of white space to one space, trimmed.
std::string NormalizeSurface(std::string_view text, MatchLevel level);

// True for a valid calendar date "YYYY-MM-DD".
bool IsIsoDate(std::string_view text);

}  // namespace wirewatch
