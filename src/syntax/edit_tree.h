// Lemma edit trees (Chrupała 2008): how a word form becomes its lemma, written so that it applies
// to other forms with the same ending or prefix ("gegeven" -> "geven" also turns "opgegeven"
// into "opgeven").
//
// The tree splits form and lemma at their longest common substring, keeps it, and recurses on
// the parts before and after it; parts with nothing in common are replaced literally. A tree
// records only the lengths of the kept parts' surroundings and the literal replacements, so it
// is a lemma class that many words share. Trees work on code points (lenient UTF-8 decoding).
//
//   EditScript s = EditScript::Build("Kloosterorden", "klooster_orde");
//   std::optional<std::string> lemma = s.Apply("Broederorden");   // "broeder_orde"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wirewatch::syntax_internal {

class EditScript {
 public:
  // How the lemma's case relates to the form's.
  enum class Case : uint8_t {
    kLower = 0,       // the tree maps the lowercased form to the (lowercase) lemma
    kLikeForm = 1,    // the same, then a capital first letter when the form has one ("Genua")
    kAsWritten = 2,   // the tree maps the form as written to the lemma (anything else)
  };

  static EditScript Build(std::string_view form, std::string_view lemma);

  // The lemma of `form`, or nothing when the script does not fit it (the form is too short,
  // or a literal part differs).
  std::optional<std::string> Apply(std::string_view form) const;

  // A stable text form: equal scripts have equal keys; FromKey(Key()) gives the script back.
  std::string Key() const;
  static std::optional<EditScript> FromKey(std::string_view key);

  bool operator==(const EditScript& o) const { return Key() == o.Key(); }

 private:
  struct Node {
    bool match = false;
    uint32_t prefix = 0;  // match: code points before the kept part
    uint32_t suffix = 0;  // match: code points after it
    int32_t left = -1;    // match: tree for the part before (-1: that part is empty on both sides)
    int32_t right = -1;   // match: tree for the part after
    std::u32string from;  // replace: the form's part, literally
    std::u32string to;    // replace: the lemma's part
  };
  int32_t BuildNode(std::u32string_view form, std::u32string_view lemma);
  bool ApplyNode(int32_t node, std::u32string_view form, std::u32string& out) const;
  void KeyNode(int32_t node, std::string& out) const;
  bool ParseNode(std::string_view& key, int32_t& node, int depth);

  Case case_ = Case::kLower;
  std::vector<Node> nodes_;  // nodes_[0] is the root when not empty
  int32_t root_ = -1;
};

}  // namespace wirewatch::syntax_internal
