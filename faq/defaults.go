package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on 250 labelled community-support questions from
// two different writers (French and English, chat style, 50 of them to leave
// to humans: small talk, out of scope, in scope but unanswered), so a new
// community gets sensible answers before labelling its own. Fitting on one
// writer's questions alone let through three times more false answers on the
// other's. The suggest floor is set below the fitted 0.349: a "did you
// mean" costs the asker little (they can reply 0 to reach a mentor) and
// reaches the right entry more often. Refit it when FeatureNames change.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-1.992, 2.252, 3.215, -1.719, 0.158},
	Threshold: 0.648,
	Suggest:   0.335,
}
