// The real GitOps repositories in ../shared/corpus (see its SOURCES.md), one list for every
// corpus test, and a check that the list is the whole corpus: a repository added to the corpus
// and not to this list fails, instead of being silently left out of the pinned findings.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_paths.h"

namespace pushgate::testing {

inline const std::vector<std::string>& corpus_repositories() {
  static const std::vector<std::string> kRepositories = {
      "GoogleCloudPlatform__microservices-demo",
      "argoproj__argocd-example-apps",
      "bjw-s-labs__home-ops",
      "fluxcd__flux2-hub-spoke-example",
      "fluxcd__flux2-kustomize-helm-example",
      "fluxcd__flux2-monitoring-example",
      "haraldkoch__kochhaus-home",
      "kubernetes-sigs__kustomize-examples",
      "prometheus-operator__kube-prometheus",
      "redhat-appstudio__infra-deployments-argo-cd-apps",
      "redhat-cop__gitops-catalog",
      "toboshii__home-ops",
  };
  return kRepositories;
}

// The folders of ../shared/corpus, sorted.
inline std::vector<std::string> corpus_folders() {
  std::vector<std::string> folders;
  const std::filesystem::path corpus = std::string(PUSHGATE_SHARED_DIR) + "/corpus";
  if (!std::filesystem::is_directory(corpus)) return folders;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (entry.is_directory()) folders.push_back(entry.path().filename().string());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

// A gtest parameter name for a corpus folder.
inline std::string corpus_test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace pushgate::testing
