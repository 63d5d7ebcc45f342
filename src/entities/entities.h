// Entities: every named mention in a document, typed (PER ORG LOC MISC) and linked to a
// canonical id, a display name and the actor it stands for (Poetin -> Vladimir Poetin -> RUS;
// NAVO-chef -> NATO; Russische -> RUS).
//
//   std::vector<Token> tokens = Tokenize(doc.text);
//   doc.entities = FindEntities(doc, tokens, ner_model, knowledge);
//
// Mentions come from the statistical tagger (ner.h) and from exact matches in the knowledge
// tables (knowledge.h) where the tagger found nothing; hyphenated compounds on a known name
// (NAVO-landen, EU-leiders, regering-Biden) are MISC mentions of that name's actor, as in
// CoNLL-2002. Linking, per mention: the knowledge tables; else an earlier mention of the same
// person in the document (Jens Stoltenberg ... Stoltenberg); else the compound's known part.
// A person's actor is the office held on the publication date, or without a date the office
// the context names (NAVO-chef Mark Rutte -> NATO). Unknown names get a stable local id
// ("ww:per:kristi-noem") and, where the context says so (a nationality adjective, a role, the
// dateline), an actor. Thread-safe: the model and tables are immutable.
#pragma once

#include <vector>

#include "core/document.h"
#include "entities/knowledge.h"
#include "entities/ner.h"
#include "text/tokenizer.h"

namespace wirewatch {

// Mentions in text order, never overlapping. `tokens` must be Tokenize(doc.text) and
// doc.sentences its sentence spans.
std::vector<EntityMention> FindEntities(const Document& doc, const std::vector<Token>& tokens,
                                        const NerModel& ner, const KnowledgeBase& knowledge);

// A stable local id for a name the tables do not know: "ww:<type>:<slug>".
std::string LocalEntityId(std::string_view type, std::string_view name);

}  // namespace wirewatch
