package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on a labelled set of community-support questions
// (French and English, chat style, with out-of-scope questions and small
// talk), so a new community gets sensible answers before labelling its own.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-5, 3, 4, 2, 3, -4, 0},
	Threshold: 0.5,
	Suggest:   0.2,
}
