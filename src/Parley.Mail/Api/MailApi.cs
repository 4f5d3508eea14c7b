using Microsoft.AspNetCore.Routing;
using Parley.Mail.AuthKeys;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Suppression;
using Parley.Mail.Threads;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Api;

/// <summary>Every <c>/api/mail</c> endpoint but sending (docs/mail.md; the contract in the web app's api client).</summary>
internal static class MailApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        DomainsApi.Map(endpoints);
        InboxesApi.Map(endpoints);
        ThreadsApi.Map(endpoints);
        MessagesApi.Map(endpoints);
        MessageLabelsApi.Map(endpoints);
        ThreadStateApi.Map(endpoints);
        AttachmentsApi.Map(endpoints);
        SearchApi.Map(endpoints);
        SuppressionsApi.Map(endpoints);
        MailWebhooksApi.Map(endpoints);
        AuthKeysApi.Map(endpoints);
    }
}
