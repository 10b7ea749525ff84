package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on 850 labelled community-support questions
// from six writers (French and English, chat style, 170 of them to leave to
// humans: small talk, out of scope, in scope but unanswered), so a new
// community gets sensible answers before labelling its own. Fitted on one
// writer's questions, thresholds let two to three times more false answers
// through on another's. Refit it when FeatureNames change.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-2.223, 2.164, 2.046, -0.689, 2.263},
	Threshold: 0.762,
	Suggest:   0.219,
}
