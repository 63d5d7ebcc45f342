// Main-content selection: which blocks of an outlined HTML page are the article body.
//
//   ContentSelection sel = SelectMainContent(outline);   // sel.blocks, in document order
//
// Found by structure, not by site rules (see html_content.cc for the scoring). Thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "clean/html_tree.h"

namespace wirewatch {

struct ContentSelection {
  std::vector<int> containers;  // the article's elements, in document order
  std::vector<size_t> blocks;   // indices into outline.blocks, in document order
  size_t good_chars = 0;        // bytes of sentence paragraphs among `blocks`
};

ContentSelection SelectMainContent(const HtmlOutline& outline);

// Share of a block's bytes inside links.
double LinkDensity(const HtmlBlock& block);

// A sentence paragraph with few links: what article bodies are made of.
bool IsProseBlock(const HtmlBlock& block);

}  // namespace wirewatch
