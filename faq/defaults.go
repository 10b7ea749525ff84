package faq

// DefaultCalibration is the built-in confidence model, fitted with
// "entraide faq calibrate" on a labelled set of community-support questions
// (French and English, chat style, with out-of-scope questions and small
// talk), so a new community gets sensible answers before labelling its own.
// Refit it when FeatureNames change.
var DefaultCalibration = Calibration{
	Features:  FeatureNames,
	Weights:   []float64{-3.277, 1.311, 1.630, 0.422, 2.266, -1.542, 1.610, -0.770, -1.888},
	Threshold: 0.796,
	Suggest:   0.437,
}
