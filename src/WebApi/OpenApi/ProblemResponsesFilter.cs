using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CleanChat.WebApi.OpenApi;

/// <summary>
/// Documents the answers every endpoint can give besides its success, from what the endpoint is rather than
/// line by line: a signed-in endpoint needs the bearer token and can answer 401 and 403; one with a body,
/// query or route values can answer 400 with per-field errors; one that names a resource in its route can
/// answer 404. Answers only some endpoints give (409, 413, 415, 429) are declared on those endpoints.
/// </summary>
internal sealed class ProblemResponsesFilter : IOperationFilter
{
    public const string SchemeName = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var hasInput = context.ApiDescription.ParameterDescriptions.Count > 0;
        var namesResource = context.ApiDescription.RelativePath?.Contains('{') == true;

        if (signedIn)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            Add(operation, context, StatusCodes.Status401Unauthorized, "A valid access token is required.");
            Add(operation, context, StatusCodes.Status403Forbidden, "The caller may not do this (wrong kind of account, or a rule of the chat).");
        }

        if (hasInput)
            Add(operation, context, StatusCodes.Status400BadRequest, "The request is invalid; `errors` names each field.", typeof(HttpValidationProblemDetails));
        if (namesResource)
            Add(operation, context, StatusCodes.Status404NotFound, "Not found, or not visible to this caller.");
    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description, Type? schemaType = null)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
            return;

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(schemaType ?? typeof(ProblemDetails), context.SchemaRepository) },
            },
        };
    }
}
