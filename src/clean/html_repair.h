// Recovery for HTML whose text is swallowed by an element left open: an unclosed <title>,
// <textarea>, <script>, <style>, <xmp>, <noscript>, <iframe> or "<!--" turns the rest of the page
// into raw text or a comment, so a parser (and a browser) shows nothing of it.
//
//   if (auto repaired = UnswallowHtml(html)) outline = OutlineHtml(*repaired, depth);
//
// Used only when a page yields no article text otherwise (or, for CloseInlineBeforeBlocks,
// nests as deep as the parser allows). Linear in the page size.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wirewatch {

// The page with the opening markup of every never-closed swallowing element removed (the
// element's content then parses as ordinary markup), or nothing when there is none.
std::optional<std::string> UnswallowHtml(std::string_view html);

// The page with inline formatting elements (<b>, <i>, <span>, <a>, ...) that are still open when
// a block element starts closed just before it. Pages that never close them ("<p>..<b>..<p>..<i>")
// otherwise nest one level deeper per paragraph until the parser's depth limit ends the
// document, losing the rest of the text. Nothing when no element needed closing.
std::optional<std::string> CloseInlineBeforeBlocks(std::string_view html);

}  // namespace wirewatch
