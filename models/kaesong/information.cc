#include "models/kaesong/information.h"

#include <algorithm>
#include <numeric>

namespace kaesong::model {
namespace {

double* HiddenField(Parameters* params, HiddenParameter hidden) {
  switch (hidden) {
    case HiddenParameter::kBlameWeight: return &params->pyongyang.blame_weight;
    case HiddenParameter::kDiscount: return &params->pyongyang.discount;
    case HiddenParameter::kImpasse: return &params->pyongyang.impasse;
    case HiddenParameter::kBreakdownPayoff: return &params->pyongyang.breakdown_payoff;
    case HiddenParameter::kNone: break;
  }
  return nullptr;
}

}  // namespace

int TypeSpace::TypeAt(double s) const {
  const int k_max = size() - 1;
  for (int k = 0; k < k_max; ++k) {
    if (prior[k] > 0.0 && s <= cumulative[k + 1]) return k;
  }
  return k_max;
}

double TypeSpace::Posterior(int k, double s) const {
  if (s >= 1.0) return k == TypeAt(1.0) ? 1.0 : 0.0;
  const double left = std::max(0.0, cumulative[k + 1] - std::max(s, cumulative[k]));
  return left / (1.0 - s);
}

double TypeSpace::PosteriorMean(double s) const {
  double mean = 0.0;
  for (int k = 0; k < size(); ++k) mean += Posterior(k, s) * values[k];
  return mean;
}

TypeSpace MakeTypeSpace(const Parameters& params) {
  const Information& info = params.information;
  TypeSpace space;
  space.hidden = info.hidden;
  if (info.hidden == HiddenParameter::kNone || info.values.empty()) {
    space.values = {HiddenValue(params, HiddenParameter::kBlameWeight)};
    space.prior = {1.0};
    space.listed = {0};
  } else {
    const int n = static_cast<int>(info.values.size());
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return info.values[a] < info.values[b]; });
    for (int i : order) {
      space.values.push_back(info.values[i]);
      space.prior.push_back(info.prior.empty() ? 1.0 / n : info.prior[i]);
      space.listed.push_back(i);
    }
  }
  space.cumulative.assign(1, 0.0);
  for (double p : space.prior) space.cumulative.push_back(space.cumulative.back() + p);
  // Exactly 1 at the top, so that s = 1 means "every type has accepted".
  for (double& c : space.cumulative) c /= space.cumulative.back();
  return space;
}

Parameters WithType(const Parameters& params, double value) {
  Parameters p = params;
  if (double* field = HiddenField(&p, params.information.hidden)) *field = value;
  return p;
}

std::string_view HiddenKeyName(HiddenParameter hidden) {
  switch (hidden) {
    case HiddenParameter::kBlameWeight: return "pyongyang.blame_weight";
    case HiddenParameter::kDiscount: return "pyongyang.discount";
    case HiddenParameter::kImpasse: return "pyongyang.impasse";
    case HiddenParameter::kBreakdownPayoff: return "pyongyang.breakdown_payoff";
    case HiddenParameter::kNone: break;
  }
  return "";
}

double HiddenValue(const Parameters& params, HiddenParameter hidden) {
  Parameters copy = params;
  const double* field = HiddenField(&copy, hidden);
  return field ? *field : params.pyongyang.blame_weight;
}

}  // namespace kaesong::model
