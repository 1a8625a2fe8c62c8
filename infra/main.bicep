// Haven: production deployment into one resource group (UK South by default).
//
// Creates: a user-assigned managed identity (the bot's identity AND the app's identity for storage,
// Key Vault and Microsoft Graph); an Azure Bot (UserAssignedMSI, single tenant) with the Teams
// channel; a Linux App Service running `npm run serve` on Node 22 LTS; a zone-redundant Storage
// account (tables only, Entra ID auth only, no shared keys); a Key Vault (RBAC, purge protection)
// that will hold the data-encryption key; Log Analytics + Application Insights.
//
// No secret passes through this template. The data-encryption key is created once, by hand, after
// the first deployment (see infra/README.md):
//   az keyvault secret set --vault-name <keyVaultName output> --name haven-data-key --value "$(openssl rand -base64 32)"
// NEVER overwrite that secret once Haven holds data: every encrypted note would become unreadable.
//
// Deploy: az deployment group create -g <resource group> --template-file infra/main.bicep --parameters infra/main.bicepparam
// Checked offline by test/unit/infra/bicep.test.ts (settings below are asserted there; keep each
// property on its own line so the test can read it).

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Azure region for everything except the bot registration. UK South keeps the data in the UK.')
param location string = 'uksouth'

@description('Short name used in every resource name: 3 to 10 lowercase letters or digits.')
@minLength(3)
@maxLength(10)
param name string = 'haven'

@description('Tags applied to every resource.')
param tags object = {
  application: 'haven'
  environment: 'production'
}

@description('App Service plan SKU. Always On needs Basic or above; Premium v3 for production.')
param appServiceSku string = 'P1v3'

@description('Number of App Service instances. Jobs run under a storage lease, so more than one is safe.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier. Teams is a standard channel (no message charge); S1 carries the SLA.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Where the bot registration lives. Azure Bot has no UK region: global is the default.')
@allowed([
  'global'
  'westeurope'
])
param botLocation string = 'global'

@description('Public network access to the Storage account and the Key Vault. Disabled needs private endpoints and App Service VNet integration, which this template does not create.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Name of the Key Vault secret holding HAVEN_DATA_KEY (32 random bytes, base64). Created by hand.')
param dataKeySecretName string = 'haven-data-key'

@description('Optional: object id of the Entra group (or user) that may set the data key in Key Vault (Key Vault Secrets Officer). Empty = grant it by hand.')
param secretsOfficerPrincipalId string = ''

@description('Type of secretsOfficerPrincipalId.')
@allowed([
  'Group'
  'User'
])
param secretsOfficerPrincipalType string = 'Group'

@description('HAVEN_FALLBACK_RESPONDERS: comma-separated roster ids alerted when nobody else can be. Empty = department heads.')
param fallbackResponders string = ''

@description('HAVEN_VIEWING_GROUP_ID: object id of the Entra group that grants grading access. Empty = supervisors remove access by hand.')
param viewingGroupId string = ''

// Issue 16 (graph): installing Haven for people (npm run roster -- install; docs/deploy.md §10).
@description('HAVEN_TEAMS_APP_CATALOG_ID: Haven\'s id in the org\'s Teams app catalogue. Empty = no installation through Graph.')
param teamsAppCatalogId string = ''

@description('HAVEN_LOG_LEVEL. Names, answers and free text are always redacted.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Attach the Application Insights Node.js agent. Off by default: its dependency telemetry records Table Storage URLs, whose keys carry roster ids.')
param appInsightsAgent bool = false

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, name)
var identityName = 'id-${name}-${suffix}'
var planName = 'asp-${name}-${suffix}'
var siteName = 'app-${name}-${suffix}'
var botName = 'bot-${name}-${suffix}'
var storageName = take(toLower('st${name}${suffix}'), 24)
var keyVaultName = take('kv-${name}-${suffix}', 24)
var workspaceName = 'log-${name}-${suffix}'
var appInsightsName = 'appi-${name}-${suffix}'

// Built-in role definitions (ids are the same in every tenant).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

// ---------------------------------------------------------------------------------------------
// Identity: the bot's app id (MicrosoftAppId) is this identity's client id. No client secret exists.
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableIpMasking: false
  }
}

// ---------------------------------------------------------------------------------------------
// Storage: Azure Table Storage, Entra ID (RBAC) only. Shared keys are off, so no connection string
// for this account exists anywhere; the app signs in with the managed identity.
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

// Haven creates its tables itself at start-up (idempotent), with the role below.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: []
    }
  }
}

resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Haven reads and writes its tables with its managed identity.'
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault: holds the data-encryption key (HAVEN_DATA_KEY). RBAC, soft delete, purge protection.
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'App Service resolves the HAVEN_DATA_KEY Key Vault reference with Haven\'s identity.'
  }
}

// Lets the operators' group create the data key (the deployer's Owner role does not reach secrets).
resource keyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(keyVault.id, secretsOfficerPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: secretsOfficerPrincipalId
    principalType: secretsOfficerPrincipalType
    description: 'Operators set the Haven data-encryption key once.'
  }
}

// ---------------------------------------------------------------------------------------------
// App Service: Linux, Node 22 LTS, `npm run serve` (production mode, listens on 0.0.0.0:$PORT).
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-01-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm run serve'
      alwaysOn: true
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
      appSettings: [
        {
          name: 'HAVEN_MODE'
          value: 'production'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: tenant().tenantId
        }
        {
          name: 'HAVEN_STORAGE_ACCOUNT_URL'
          value: 'https://${storage.name}.table.${environment().suffixes.storage}'
        }
        {
          name: 'HAVEN_DATA_KEY'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${dataKeySecretName}/)'
        }
        {
          name: 'HAVEN_LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'HAVEN_FALLBACK_RESPONDERS'
          value: fallbackResponders
        }
        {
          name: 'HAVEN_VIEWING_GROUP_ID'
          value: viewingGroupId
        }
        {
          name: 'HAVEN_TEAMS_APP_CATALOG_ID'
          value: teamsAppCatalogId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: appInsightsAgent ? '~3' : 'disabled'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
      ]
    }
  }
  dependsOn: [
    storageTableDataContributor
    keyVaultSecretsUser
  ]
}

// Deployments sign in with Entra ID (az webapp deploy); no FTP or basic-auth publishing credentials.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-01-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-01-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot: single tenant, the managed identity as its app; Teams only.
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'Haven'
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
    schemaTransformationVersion: '1.3'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Diagnostic logs to the workspace (the app's own stdout is pino JSON with personal data redacted).
// ---------------------------------------------------------------------------------------------

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
      {
        category: 'AppServiceAuditLogs'
        enabled: true
      }
    ]
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'StorageRead'
        enabled: true
      }
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

@description('The bot\'s messaging endpoint (set on the Azure Bot).')
output botEndpoint string = 'https://${site.properties.defaultHostName}/api/messages'

@description('The app\'s host name.')
output appHostName string = site.properties.defaultHostName

@description('The managed identity\'s client id: MicrosoftAppId, and the botId in the Teams app manifest.')
output identityClientId string = identity.properties.clientId

@description('The managed identity\'s object (principal) id, for Microsoft Graph app-role grants.')
output identityPrincipalId string = identity.properties.principalId

output botName string = bot.name
output siteName string = site.name
output keyVaultName string = keyVault.name
output dataKeySecretName string = dataKeySecretName
output storageAccountUrl string = 'https://${storage.name}.table.${environment().suffixes.storage}'
