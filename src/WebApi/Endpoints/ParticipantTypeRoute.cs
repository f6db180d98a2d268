using CleanChat.Application.Common.Exceptions;
using CleanChat.Domain.Common;

namespace CleanChat.WebApi.Endpoints;

internal static class ParticipantTypeRoute
{
    /// <summary>Reads <c>user</c> or <c>customer</c> from a route segment.</summary>
    public static ParticipantType Parse(string value) => value switch
    {
        "user" => ParticipantType.User,
        "customer" => ParticipantType.Customer,
        _ => throw new RequestValidationException("participant_type", "participant_type must be 'user' or 'customer'."),
    };
}
