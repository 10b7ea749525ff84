package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on 550 labelled community-support questions
// from four writers (French and English, chat style, 110 of them to leave
// to humans: small talk, out of scope, in scope but unanswered), so a new
// community gets sensible answers before labelling its own. Fitting on one
// writer's questions alone let through three times more false answers on
// another's. The suggest floor sits above the fitted 0.187: between the
// two, "did you mean" went to as many questions the FAQ cannot answer as
// to ones it can, and each of those delays the hand-over to a mentor.
// Refit it when FeatureNames change.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-2.587, 2.111, 2.591, -0.775, 2.098},
	Threshold: 0.722,
	Suggest:   0.25,
}
