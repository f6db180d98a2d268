using Microsoft.AspNetCore.Http.Extensions;

namespace CleanChat.WebApi.Dialects.Hotel;

/// <summary>A page as this API style pages: the total, links to the next and previous pages (or null), the items.</summary>
public sealed record HotelPage<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results)
{
    /// <summary>A page of <paramref name="results"/>; the links are this request's URL with another <c>page</c>.</summary>
    public static HotelPage<T> Of(HttpRequest request, IReadOnlyList<T> results, int count, int page, bool hasMore) =>
        new(count, hasMore ? LinkTo(request, page + 1) : null, page > 1 ? LinkTo(request, page - 1) : null, results);

    private static string LinkTo(HttpRequest request, int page)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }
}
