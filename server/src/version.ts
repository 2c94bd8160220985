// Product version, also written as `operator_version` ("Atlas Workbench v…") in revision rows.
export const productVersion = 'v0.1.0';
export const operatorVersion = `Atlas Workbench ${productVersion}`;
/** Where the project lives (SARIF `tool.driver.informationUri`, rule documentation links). */
export const projectUrl = 'https://github.com/atlas-workbench/atlas-workbench';
