// VerbLexicon: the infinitive of a Dutch verb form the treebank never showed, by the rules of
// Dutch conjugation and spelling: strong and irregular verbs from a table
// (data/syntax/irregular_verbs.tsv: "hielden" -> houden), with separable particles
// ("uitgewezen" -> uit_wijzen) and inseparable prefixes ("verbood" -> verbieden) around them,
// and weak verbs by their suffixes and the spelling of the stem ("stuurden" -> sturen, "relden"
// -> rellen, "gesloopt" -> slopen, "distantieert" -> distantiëren).
//
//   auto verbs = wirewatch::VerbLexicon::Load(data_dir + "/data/syntax/irregular_verbs.tsv");
//   verbs->Infinitive("tegenhielden", VerbForm::kPast);   // "tegen_houden"
//
// The lemmatiser asks it only for verbs outside the training words; immutable after Load.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace wirewatch {

// What the tagger says about the form, which picks the suffix to strip.
enum class VerbForm { kPresent, kPast, kParticiple, kInfinitive };

class VerbLexicon {
 public:
  // Reads the irregular verb table. Missing: NotFound naming it; a malformed row: Corrupt with
  // its line.
  static StatusOr<VerbLexicon> Load(const std::string& path);

  // The lemma of lowercase verb form `form` as the Dutch treebanks write it (a separable
  // particle joined by "_"), or nothing when `form` is too short to read.
  std::optional<std::string> Infinitive(std::string_view form, VerbForm kind) const;

  // The strong or irregular verb `form` is a form of (with its particle or prefix), if any: only
  // readings of the tagger's `kind` count ("voeren" is a past of varen, but as a present or
  // infinitive it is voeren itself).
  std::optional<std::string> Irregular(std::string_view form, VerbForm kind) const;

  size_t size() const { return infinitives_; }

 private:
  struct Reading {
    std::string infinitive;
    uint8_t kinds = 0;  // bits of VerbForm
  };
  static std::optional<std::string> Find(const std::unordered_map<std::string, std::vector<Reading>>& table,
                                         std::string_view form, VerbForm kind);
  std::optional<std::string> Simplex(std::string_view form, VerbForm kind) const;
  std::unordered_map<std::string, std::vector<Reading>> forms_;  // inflected form -> readings
  std::unordered_map<std::string, std::vector<Reading>> stems_;  // participle minus "ge" -> readings
  size_t infinitives_ = 0;
};

// The infinitive of a weak verb whose stem is `stem` ("stuur" -> "sturen", "stop" -> "stoppen",
// "leef" -> "leven", "verdedig" -> "verdedigen").
std::string WeakInfinitive(std::string_view stem);

}  // namespace wirewatch
