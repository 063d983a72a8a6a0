// fast-check 4 sizes an arbitrary by its `baseSize` ('small': arrays of at most about ten
// elements) even where a test gives `maxLength`: a property written for sequences of 200
// operations then never sees more than ten. Here a given maximum is the size meant.
import fc from 'fast-check';

fc.configureGlobal({ defaultSizeToMaxWhenMaxSpecified: true });
