package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on a labelled set of community-support questions
// (French and English, chat style, with out-of-scope questions and small
// talk), so a new community gets sensible answers before labelling its own.
// Refit it when FeatureNames change.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-2.081, 1.810, 3.236, -2.517, 0.697},
	Threshold: 0.543,
	Suggest:   0.297,
}
