using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Messages.Queries.SearchMessages;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

/// <summary>Search results are ranked while there are few enough matches, else newest first and counted to a limit.</summary>
public class SearchMessagesQueryTests
{
    private readonly IMessageSearch _search = Substitute.For<IMessageSearch>();

    private SearchMessagesQueryHandler Handler() => new(Substitute.For<IChatReadModel>(), _search, Callers.As(Callers.Admin));

    [Fact]
    public async Task Few_enough_matches_are_all_ranked_here_and_counted_exactly()
    {
        IReadOnlyList<MarkedMatch> all = Enumerable.Range(1, 12).Select(i => new MarkedMatch(i, "\u0002colour\u0003")).ToList();
        _search.AllMatchesAsync(Arg.Any<SearchTerms>(), Arg.Any<SearchScope>(), SearchMessagesQuery.RankedLimit, Arg.Any<CancellationToken>()).Returns(all);

        // A page past the last result, so no message needs loading: the count still covers them all.
        var page = await Handler().Handle(new SearchMessagesQuery("colour", Page: 3, PageSize: 10), CancellationToken.None);

        page.Order.ShouldBe(SearchOrder.Relevance);
        page.Total.ShouldBe(12);
        page.TotalCapped.ShouldBeFalse();
        await _search.DidNotReceiveWithAnyArgs().CountAsync(default!, default!, default, default);
        await _search.DidNotReceiveWithAnyArgs().NewestAsync(default!, default!, default, default, default);
    }

    [Theory]
    [InlineData(1_500, 1_500, false)]
    [InlineData(SearchMessagesQuery.CountLimit, SearchMessagesQuery.CountLimit, false)]
    [InlineData(250_000, SearchMessagesQuery.CountLimit, true)]
    public async Task Too_many_to_rank_come_newest_first_counted_up_to_the_limit(int matches, int total, bool capped)
    {
        _search.AllMatchesAsync(Arg.Any<SearchTerms>(), Arg.Any<SearchScope>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns((IReadOnlyList<MarkedMatch>?)null);
        _search.CountAsync(Arg.Any<SearchTerms>(), Arg.Any<SearchScope>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(call => Math.Min(matches, call.ArgAt<int>(2)));
        _search.NewestAsync(Arg.Any<SearchTerms>(), Arg.Any<SearchScope>(), Arg.Any<int>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(Array.Empty<MarkedMatch>());

        var page = await Handler().Handle(new SearchMessagesQuery("the", Page: 3, PageSize: 20), CancellationToken.None);

        page.Order.ShouldBe(SearchOrder.Newest);
        page.Total.ShouldBe(total);
        page.TotalCapped.ShouldBe(capped);
        await _search.Received(1).CountAsync(Arg.Any<SearchTerms>(), Arg.Any<SearchScope>(), SearchMessagesQuery.CountLimit + 1, Arg.Any<CancellationToken>());
        await _search.Received(1).NewestAsync(Arg.Any<SearchTerms>(), Arg.Any<SearchScope>(), 40, 20, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_salon_admin_searches_the_whole_salon_as_one_scope()
    {
        _search.AllMatchesAsync(Arg.Any<SearchTerms>(), Arg.Any<SearchScope>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(Array.Empty<MarkedMatch>());

        await Handler().Handle(new SearchMessagesQuery("colour"), CancellationToken.None);

        await _search.Received(1).AllMatchesAsync(Arg.Any<SearchTerms>(),
            Arg.Is<SearchScope>(s => s.SalonIds.Single() == Callers.SalonId && s.ChatIds.Count == 0), Arg.Any<int>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(1, 100, true)]
    [InlineData(100, 100, true)]
    [InlineData(101, 100, false)]
    [InlineData(500, 20, true)]
    [InlineData(501, 20, false)]
    public void Pages_reach_ten_thousand_results_deep(int page, int pageSize, bool valid) =>
        new SearchMessagesQueryValidator().Validate(new SearchMessagesQuery("colour", page, pageSize)).IsValid.ShouldBe(valid);
}
