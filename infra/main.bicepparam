// Parameters for a Haven production deployment. Used as:
//   az deployment group create -g <resource group> --template-file infra/main.bicep --parameters infra/main.bicepparam
// Never put a secret in this file: the data-encryption key goes straight into Key Vault (infra/README.md).
using './main.bicep'

// Region for the app, storage, Key Vault and logs. UK South keeps a UK force's data in the UK.
param location = 'uksouth'

// Short name (3-10 lowercase letters or digits) used in every resource name. Change it to run a
// second environment (e.g. 'havenuat') in the same subscription.
param name = 'haven'

// Tags on every resource; add the force's cost centre and data owner.
param tags = {
  application: 'haven'
  environment: 'production'
}

// App Service plan size. Always On needs Basic or above; P1v3 gives headroom for alert bursts.
param appServiceSku = 'P1v3'

// App instances. 1 is enough for one force; more are safe (jobs run under a storage lease).
param instanceCount = 1

// Azure Bot tier. S1 carries the SLA; Teams messages are free on either tier.
param botSku = 'S1'

// Azure Bot has no UK region. 'global' works with Haven as it is; a regional bot ('westeurope')
// also needs the regional Bot Framework endpoints configured in the app.
param botLocation = 'global'

// 'Disabled' only together with private endpoints and App Service VNet integration (not in this template).
param publicNetworkAccess = 'Enabled'

// Key Vault secret that holds HAVEN_DATA_KEY. Create it once by hand after the first deployment.
param dataKeySecretName = 'haven-data-key'

// Object id of the Entra group whose members may set the data key (Key Vault Secrets Officer).
// Empty: grant that role by hand before creating the secret.
param secretsOfficerPrincipalId = ''

// Whether secretsOfficerPrincipalId is a 'Group' or a 'User'.
param secretsOfficerPrincipalType = 'Group'

// Roster ids alerted when nobody else can be (comma-separated). Empty: the department heads.
param fallbackResponders = ''

// Object id of the Entra group that grants access to the grading systems. Empty: supervisors confirm
// access removal by hand. Set it only after granting GroupMember.ReadWrite.All (infra/README.md).
param viewingGroupId = ''

// Haven's id in the org's Teams app catalogue, once the app is uploaded (docs/deploy.md §8 and §10):
// lets `npm run roster -- install` install Haven for people. Needs TeamsAppInstallation.ReadWriteSelfForUser.All.
param teamsAppCatalogId = ''

// Log level for Haven's own logs. Names, answers and free text are always redacted.
param logLevel = 'info'

// Days Log Analytics keeps logs (30 to 730). Follow the force's retention schedule.
param logRetentionDays = 90

// Application Insights Node.js agent. Off: its dependency telemetry records Table Storage URLs, whose
// keys carry roster ids. Turn on only if the force accepts that in its monitoring workspace.
param appInsightsAgent = false
