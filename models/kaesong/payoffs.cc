#include "models/kaesong/payoffs.h"

namespace kaesong::model {

FlowPayoffs MakeFlowPayoffs(const Parameters& params) {
  FlowPayoffs flows;
  flows.seoul.constant = params.seoul.pi;
  flows.seoul.slope = Eigen::Vector3d(-1.0, params.seoul.guarantee_weight, params.seoul.blame_weight);
  flows.pyongyang.constant = 0.0;
  flows.pyongyang.slope =
      Eigen::Vector3d(1.0, -params.pyongyang.guarantee_weight, -params.pyongyang.blame_weight);
  return flows;
}

}  // namespace kaesong::model
