package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on 1 450 labelled community-support questions
// from ten writers (French and English, chat style, 290 of them to leave
// to humans: small talk, out of scope, in scope but unanswered), so a new
// community gets sensible answers before labelling its own. Fitted on one
// writer's questions, thresholds let two to three times more false answers
// through on another's. Refit it when FeatureNames change.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-1.413, 1.486, 1.977, -0.786, 2.299},
	Threshold: 0.791,
	Suggest:   0.368,
}
