// Product version, also written as `operator_version` ("Atlas Workbench v…") in revision rows.
export const productVersion = 'v0.1.0';
export const operatorVersion = `Atlas Workbench ${productVersion}`;
