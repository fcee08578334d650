// The floor for well-formedness checking: raw libyaml event parsing of the same bytes, with no
// document model, no typing and no validation. bench/run.py runs it beside `pushgate check` in
// the same run and reports the ratio.
//
//   pushgate_yaml_floor FILE...     (or a list of files on stdin with -)
#include <yaml.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

bool parse_events(const std::string& bytes, std::size_t& events) {
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) return false;
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(bytes.data()),
                               bytes.size());
  bool ok = true;
  for (;;) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      ok = false;
      break;
    }
    ++events;
    const bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "-") {
      for (std::string line; std::getline(std::cin, line);) paths.push_back(line);
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  // Read everything first: the floor measures parsing, not the disk.
  std::vector<std::string> contents;
  std::size_t bytes = 0;
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    contents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += contents.back().size();
  }
  std::size_t events = 0;
  std::size_t failed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& c : contents) failed += parse_events(c, events) ? 0 : 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"files\": %zu, \"bytes\": %zu, \"events\": %zu, \"failed\": %zu, \"seconds\": %.6f}\n",
              contents.size(), bytes, events, failed, seconds);
  return 0;
}
