//===- Machine.cpp - goescape-report's JSON and SARIF ---------------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The report for programs. JSON carries everything the text report does,
/// every site included, in the same order. SARIF 2.1.0 is for code scanning
/// and editors' SARIF viewers: one result per kept site, its rule the keep
/// reason (ruleId "EscapesByReturn", with the reason's words and advice in
/// the rule), its message what the remark said and what would move it, its
/// location the site's file, line and column; the results in rank order.
///
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;
using namespace goescape_report;

static constexpr StringLiteral SARIFSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";

/// A path as a URI reference: unreserved characters and '/' as they are,
/// everything else percent-encoded.
static std::string uriPath(StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += C;
      continue;
    }
    Out += '%';
    Out += hexdigit(C >> 4, /*LowerCase=*/false);
    Out += hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Out;
}

static void siteAttributes(json::OStream &J, const Site &S, bool WithCount) {
  if (S.HasLoc) {
    J.attribute("file", S.File);
    J.attribute("line", S.Line);
    J.attribute("column", S.Column);
  } else {
    J.attribute("file", nullptr);
  }
  J.attribute("function", S.Function);
  J.attribute("allocation", S.Allocation);
  J.attribute("message", S.Message);
  J.attribute("bytes", S.Bytes);
  J.attribute("loopDepth", S.LoopDepth);
  if (WithCount)
    J.attribute("calls", S.Count);
  if (S.SourcePath.empty())
    J.attribute("source", nullptr);
  else
    J.attribute("source", S.SourcePath);
}

void goescape_report::printJSON(raw_ostream &OS, const Report &R) {
  bool WithCount = R.Profile.has_value();
  json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("tool", "goescape-report");
    J.attribute("formatVersion", 1);
    J.attribute("remarkFiles", R.RemarkFiles);
    J.attribute("remarks", R.Records);
    J.attribute("sites", R.Sites.size());
    J.attribute("promoted", R.Promoted.size());
    J.attribute("kept", R.Kept.size());
    J.attribute("stackBytes", R.Bytes);
    if (R.Profile)
      J.attributeObject("profile", [&] {
        J.attributeArray("files", [&] {
          for (const std::string &F : R.Profile->Files)
            J.value(F);
        });
        J.attribute("calls", R.Profile->Calls);
        J.attribute("keptCalls", R.Profile->KeptCalls);
        J.attribute("promotedCalls", R.Profile->OtherCalls);
        J.attribute("unmatchedCalls", R.Profile->Unmatched);
      });
    J.attributeArray("files", [&] {
      for (const auto &KV : R.Files)
        J.object([&] {
          J.attribute("file", KV.first);
          J.attribute("promoted", KV.second.Promoted);
          J.attribute("kept", KV.second.Kept);
          J.attribute("stackBytes", KV.second.Bytes);
        });
    });
    J.attributeArray("reasons", [&] {
      for (const ReasonStats &RS : R.Reasons)
        J.object([&] {
          const ReasonInfo *I = lookupReason(RS.Name);
          J.attribute("reason", RS.Name);
          J.attribute("words", I ? I->Words : StringRef(RS.Name));
          J.attribute("class",
                      fixClassName(I ? I->Class : FixClass::Never));
          J.attribute("count", RS.Count);
        });
    });
    J.attributeArray("keptSites", [&] {
      unsigned Rank = 0;
      for (const Site *S : R.Kept)
        J.object([&] {
          const ReasonInfo *I = S->reason();
          J.attribute("rank", ++Rank);
          siteAttributes(J, *S, WithCount);
          J.attribute("reason", S->Name);
          J.attribute("why", S->Reason.empty() && I ? I->Words.str()
                                                    : S->Reason);
          J.attribute("class", fixClassName(S->fixClass()));
          J.attribute("advice", S->advice());
        });
    });
    J.attributeArray("promotedSites", [&] {
      unsigned Rank = 0;
      for (const Site *S : R.Promoted)
        J.object([&] {
          J.attribute("rank", ++Rank);
          siteAttributes(J, *S, WithCount);
        });
    });
  });
  OS << "\n";
}

/// The text of a kept site's SARIF result: what the remark said, then what
/// would move it. "malloc(64) escapes to heap: returned from 'make'. Cannot
/// move: it outlives the call; ...".
static std::string resultMessage(const Site &S) {
  std::string Msg = S.Message.empty() ? S.Allocation : S.Message;
  const ReasonInfo *I = S.reason();
  if (!I)
    return Msg + ".";
  std::string Class = fixClassWords(I->Class).str();
  Class[0] = toUpper(Class[0]);
  return Msg + ". " + Class + ": " + S.advice().str() + ".";
}

static StringRef levelOf(const Site &S) {
  return S.fixClass() == FixClass::OneChange ? "warning" : "note";
}

void goescape_report::printSARIF(raw_ostream &OS, const Report &R) {
  // The rules: the reasons the results use, by name.
  std::map<std::string, unsigned> RuleIndex;
  for (const Site *S : R.Kept)
    RuleIndex.try_emplace(S->Name, 0);
  unsigned N = 0;
  for (auto &KV : RuleIndex)
    KV.second = N++;

  json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", SARIFSchema);
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "goescape-report");
            J.attribute("fullName",
                        "goescape-report: goescape's heap-to-stack verdicts");
            J.attributeArray("rules", [&] {
              for (const auto &KV : RuleIndex)
                J.object([&] {
                  const ReasonInfo *I = lookupReason(KV.first);
                  StringRef Words = I ? I->Words : StringRef(KV.first);
                  J.attribute("id", KV.first);
                  J.attribute("name", KV.first);
                  J.attributeObject("shortDescription", [&] {
                    J.attribute("text", Words);
                  });
                  if (I)
                    J.attributeObject("help",
                                      [&] { J.attribute("text", I->Advice); });
                  J.attributeObject("defaultConfiguration", [&] {
                    J.attribute("level",
                                I && I->Class == FixClass::OneChange
                                    ? "warning"
                                    : "note");
                  });
                  J.attributeObject("properties", [&] {
                    J.attribute("class", fixClassName(
                                             I ? I->Class : FixClass::Never));
                    J.attribute("escapes", I && I->IsEscape);
                  });
                });
            });
          });
        });
        J.attributeArray("results", [&] {
          unsigned Rank = 0;
          for (const Site *S : R.Kept)
            J.object([&] {
              ++Rank;
              J.attribute("ruleId", S->Name);
              J.attribute("ruleIndex", RuleIndex[S->Name]);
              J.attribute("level", levelOf(*S));
              J.attributeObject("message", [&] {
                J.attribute("text", resultMessage(*S));
              });
              J.attributeArray("locations", [&] {
                J.object([&] {
                  if (S->HasLoc)
                    J.attributeObject("physicalLocation", [&] {
                      J.attributeObject("artifactLocation", [&] {
                        if (!S->SourcePath.empty()) {
                          J.attribute("uri",
                                      "file://" + uriPath(S->SourcePath));
                        } else if (sys::path::is_absolute(S->File)) {
                          J.attribute("uri", "file://" + uriPath(S->File));
                        } else {
                          J.attribute("uri", uriPath(S->File));
                          J.attribute("uriBaseId", "SRCROOT");
                        }
                      });
                      if (S->Line)
                        J.attributeObject("region", [&] {
                          J.attribute("startLine", S->Line);
                          if (S->Column)
                            J.attribute("startColumn", S->Column);
                        });
                    });
                  J.attributeArray("logicalLocations", [&] {
                    J.object([&] {
                      J.attribute("name", S->Function);
                      J.attribute("kind", "function");
                    });
                  });
                });
              });
              J.attributeObject("properties", [&] {
                J.attribute("rank", Rank);
                J.attribute("allocation", S->Allocation);
                J.attribute("bytes", S->Bytes);
                J.attribute("loopDepth", S->LoopDepth);
                J.attribute("class", fixClassName(S->fixClass()));
                if (R.Profile)
                  J.attribute("calls", S->Count);
              });
            });
        });
      });
    });
  });
  OS << "\n";
}
