package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on 1 150 labelled community-support questions
// from eight writers (French and English, chat style, 230 of them to leave
// to humans: small talk, out of scope, in scope but unanswered), so a new
// community gets sensible answers before labelling its own. Fitted on one
// writer's questions, thresholds let two to three times more false answers
// through on another's. Refit it when FeatureNames change.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-2.387, 2.300, 1.990, -0.525, 2.386},
	Threshold: 0.752,
	Suggest:   0.266,
}
