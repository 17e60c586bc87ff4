"""Who speaks: the speaker rules added for pronoun chains, roles, typos and non-names.

Each case is a short article written here in the way news text writes it; each asserts who
``extract`` gives each statement to.
"""

from __future__ import annotations

from onrecord.attribution import extract
from onrecord.records import Article


def speakers(body: str) -> dict[str, str | None]:
    """The first words of each record's text mapped to its speaker."""
    return {
        " ".join(q.text.split()[:3]): q.speaker
        for q in extract(Article(id="a1", body=body, date="2016-09-30"))
    }


def speaker_of(body: str, opening: str) -> str | None:
    found = speakers(body)
    matches = [name for text, name in found.items() if text.startswith(opening)]
    assert matches, found
    return matches[0]


def test_a_pronoun_that_spoke_is_the_antecedent_of_the_next() -> None:
    body = (
        "Hillary Clinton answered on Friday.\n\n"
        "She says Trump’s tweets about Alicia Machado are “lies and conspiracy theories.”\n\n"
        "The Democratic candidate’s response to Trump came in a series of tweets.\n\n"
        "She tweeted: “When something gets under his thin skin, he lashes out.”"
    )
    assert speaker_of(body, "When something gets") == "Hillary Clinton"


def test_a_name_inside_a_role_does_not_take_the_next_he() -> None:
    body = (
        "Donald Trump proposed paid leave on Tuesday.\n\n"
        "Trump campaign spokesman Jason Miller told The Washington Post that the policy "
        "would extend to single mothers. However, he could not explain the wording.\n\n"
        "“We don't have the exact legislation written down,” he said."
    )
    assert speaker_of(body, "We don't have") == "Jason Miller"


def test_a_person_introduced_with_an_appositive_is_the_next_he() -> None:
    body = (
        "President Barack Obama spoke in Miami.\n\n"
        "While Obama had black artists writing songs about him, that worries Henry Crespo, "
        "president of the Florida Democratic Black Caucus.\n\n"
        "“No one is writing songs for Hillary,” he said."
    )
    assert speaker_of(body, "No one is") == "Henry Crespo"


def test_a_speaker_of_unknown_gender_just_named_is_the_next_she() -> None:
    body = (
        "Hillary Clinton said she has the most money. The Clinton approach works, said Katie "
        "Harbath, "
        "Facebook’s politics director.\n\n"
        "Others are “having to be leaner,” she said."
    )
    assert speaker_of(body, "having to be") == "Katie Harbath"


def test_a_plural_noun_opening_a_sentence_is_not_a_he() -> None:
    body = (
        "“I am not in the habit of supporting people who attack my wife,” Ted Cruz said.\n\n"
        "Delegates questioned how Cruz could turn back on a pledge.\n\n"
        "“The day that was abrogated was the day this became personal,” he said."
    )
    assert speaker_of(body, "The day that") == "Ted Cruz"


def test_a_typo_of_a_short_surname_is_the_same_person() -> None:
    body = (
        "“The campaign is in panic mode,” said Leslie Wimes, a Democratic activist.\n\n"
        "Wines believes Hillary Clinton took black voters for granted.\n\n"
        "“They have a big problem,” she said."
    )
    assert speaker_of(body, "They have a") == "Leslie Wimes"


def test_the_subject_follows_an_opening_participle_phrase() -> None:
    body = (
        "Following a swiftly called, late-afternoon meeting, the Security Council issued a "
        "statement calling the test “a clear violation” of its resolutions."
    )
    assert speaker_of(body, "the test") == "Security Council"


def test_a_headline_phrase_after_a_preposition_is_nobody() -> None:
    body = "Christie Calls Clinton ‘A Disgrace’ Over Police Shooting Comments.\n\nNothing else."
    assert "Over Police Shooting" not in speakers(body).values()


def test_a_quotation_between_two_of_one_speaker_is_theirs() -> None:
    body = (
        "“This just isn’t right,” Warren said.\n\n"
        "“You went on television to blame thousands of $12-an-hour” workers.\n\n"
        "“It’s gutless leadership,” Warren said."
    )
    assert speaker_of(body, "You went on") == "Warren"


def test_a_scare_quote_between_two_of_one_speaker_stays_nobodys() -> None:
    body = (
        "“This just isn’t right,” Warren said.\n\n"
        "The bank calls it “cross-selling” now.\n\n"
        "“It’s gutless leadership,” Warren said."
    )
    assert speakers(body).get("cross-selling") is None


def test_a_lowercase_role_with_of_before_the_name() -> None:
    body = (
        "“The first line of defense is within the community,” said former secretary of state "
        "Hillary Clinton, who praised George W. Bush."
    )
    assert speaker_of(body, "The first line") == "Hillary Clinton"


def test_a_role_then_the_name_between_commas() -> None:
    body = (
        "“We’re treating March as one long Election Day,” said Rubio’s deputy campaign "
        "manager, Rich Beeson, who oversaw Romney’s ground game."
    )
    assert speaker_of(body, "We’re treating March") == "Rich Beeson"


def test_asks_followed_by_as_is_still_the_attribution() -> None:
    body = (
        "“Who can remember how many states I’ve lost? Is it two? Three?” Clinton asks as a "
        "maintenance guy walks in front of her."
    )
    assert speaker_of(body, "Who can remember") == "Clinton"


def test_a_bare_attribution_after_a_full_stop_inside_the_quotation() -> None:
    body = "“I hope you’re able to find the 30,000 emails that are missing.” Trump said."
    assert speaker_of(body, "I hope you’re") == "Trump"


def test_a_full_stop_quotation_does_not_take_a_following_clause() -> None:
    body = "“We will win this state in November.” Trump said the polls were wrong."
    assert speaker_of(body, "We will win") != "Trump"


def test_a_sentence_ending_in_a_colon_leads_into_the_next_paragraph() -> None:
    body = (
        "When Wallace died, President Clinton released the following statement:\n\n"
        "“Hillary and I offer our condolences to the family and friends of George Wallace.”"
    )
    assert speaker_of(body, "Hillary and I") == "Clinton"


def test_participles_and_adverbs_are_never_speakers() -> None:
    body = (
        "Maher said the report “wasn’t good.” Adding, “Now, like with all Clinton scandals, "
        "what they actually did is not that bad.”\n\n"
        "Hastily politicizing the tragedy, Trump emphasized “the threat” to the world."
    )
    assert not {"Adding", "Hastily"} & set(speakers(body).values())


def test_a_title_picks_among_people_who_share_a_surname() -> None:
    body = (
        "John Smith and Mary Smith spoke at the convention. John Smith was proud. "
        "John Smith will campaign.\n\n"
        "“All the world felt my pain,” Ms. Smith wrote."
    )
    assert speaker_of(body, "All the world") == "Mary Smith"


def test_a_manner_adverb_between_the_speaker_and_the_cue() -> None:
    body = (
        "The Democratic candidate Hillary Clinton boldly suggested that Donald Trump "
        "has paid nothing in federal taxes."
    )
    assert speaker_of(body, "Donald Trump has") == "Hillary Clinton"


def test_a_role_of_an_institution_before_a_titled_name() -> None:
    body = (
        "Tuesday on the radio, Speaker of the House Rep. Paul Ryan (R-WI) said “anti-Semitic "
        "images, they’ve got no place in a presidential campaign.”"
    )
    assert speaker_of(body, "anti-Semitic images,") == "Paul Ryan"


def test_a_name_inside_a_relative_clause_is_not_the_speaker() -> None:
    body = (
        "Mr. Slinker, whose latest start-up, Paradata, uses big data to help brands find "
        "suppliers, said Mr. Trump was a candidate in the spirit of Silicon Valley."
    )
    assert speaker_of(body, "Mr. Trump was") == "Slinker"


def test_an_appositive_without_its_closing_comma() -> None:
    body = (
        "Anthony Anton, president and CEO of Washington Restaurant Association stated, “It’s "
        "not a political problem; it’s a math problem.”"
    )
    assert speaker_of(body, "It’s not a") == "Anthony Anton"


def test_a_floating_quotation_goes_to_who_spoke_last() -> None:
    body = (
        "Minnesota delegate Mary Susan was there.\n\n"
        "Her liberal friends have mocked Trump’s campaign, calling Trump “an orange buffoon,” "
        "Susan said as she turned around.\n\n"
        "“But he’s our orange buffoon, and we love him!”"
    )
    assert speaker_of(body, "But he’s our") == "Mary Susan"


def test_a_described_role_after_and_is_the_person_just_named() -> None:
    body = (
        "Donald Trump spoke in Virginia on Monday. He said the nation has become weak.\n\n"
        "The Republican nominee also outlined his cybersecurity plan and vowed to harshly "
        "punish “those who violate classification rules.”"
    )
    assert speaker_of(body, "to harshly punish") == "Donald Trump"


def test_a_role_owned_by_someone_is_not_the_person_just_named() -> None:
    body = (
        "Jason Chaffetz spoke on Thursday. He said the panel would vote.\n\n"
        "Pagliano's lawyer said he will refuse to answer any questions from the panel."
    )
    assert speaker_of(body, "he will refuse") != "Jason Chaffetz"


def test_an_unnamed_source_is_kept_as_the_article_describes_it() -> None:
    body = (
        "A New York judge has rejected a request to make public the divorce file, saying the "
        "courts have no business deciding what information could be useful to voters."
    )
    quote = next(q for q in extract(Article(id="a1", body=body)) if "courts" in q.text)
    assert (quote.speaker, quote.speaker_kind) == ("A New York judge", "group")


def test_a_contracted_pronoun_is_a_subject_not_a_possessive() -> None:
    body = (
        "Donald Trump is questioning the voting system.\n\n"
        "He’s claiming that voting fraud is “a big, big problem in this country.”"
    )
    assert speaker_of(body, "voting fraud is") == "Donald Trump"


def test_a_participle_after_before_speaks_for_the_subject() -> None:
    body = (
        "Mary J. Blige sings to Hillary Clinton before asking her, “I just want to know, "
        "where do we go from here?”"
    )
    assert speaker_of(body, "I just want") == "Mary J. Blige"


def test_a_name_between_commas_after_a_role_at_a_company() -> None:
    body = (
        "His former business partner at Lenox, Lawrence B. Cummings, called him a master at "
        "bolting together impossible business transactions."
    )
    quote = next(q for q in extract(Article(id="a1", body=body)) if "master" in q.text)
    assert quote.speaker == "Lawrence B. Cummings"
    assert quote.role == "His former business partner at Lenox"


def test_a_capitalised_adjective_before_a_noun_is_a_description() -> None:
    body = "“It is not politically correct to say anything,” tweeted a German user from Hanover."
    assert speaker_of(body, "It is not") == "a German user"


def test_a_gendered_role_in_an_appositive_gives_the_gender() -> None:
    body = (
        "Hillary Clinton won the state.\n\n"
        "Dottie Deans, the chairwoman of the Vermont Democratic Party, is supporting Sanders "
        "and in a statement credited him for “an exciting and inspiring campaign.”\n\n"
        "“He has a desire to ensure that those voters feel like part of the process,” she said."
    )
    assert speaker_of(body, "He has a") == "Dottie Deans"


def test_a_family_name_written_first() -> None:
    body = (
        "Finance Minister Lou Jiwei spoke on Monday. Mr. Lou said there was nothing wrong "
        "with the talks."
    )
    assert speaker_of(body, "there was nothing") == "Lou Jiwei"


def test_words_that_open_a_sentence_without_naming_anyone() -> None:
    body = (
        "Local news affiliate ABC 7 is reporting that a sign read, “Inland Empire supports "
        "Donald Trump. Merry Xmas.”\n\n"
        "Al Sharpton spoke on Sunday. Eight years ago, he supported Barack Obama over Clinton "
        "and said, “Hillary Clinton has never done anything for us.”"
    )
    found = speakers(body)
    assert "Local" not in found.values()
    assert speaker_of(body, "Hillary Clinton has") == "Al Sharpton"


def test_an_owned_role_nobody_is_named_for_is_kept_as_written() -> None:
    body = (
        "Libertarian presidential candidate Gary Johnson’s doctor is calling the candidate "
        "“extremely physically fit.”"
    )
    assert speaker_of(body, "the candidate") == "Gary Johnson’s doctor"


def test_a_speaker_prompted_to_say() -> None:
    body = (
        "The debate was so subdued that Mr. Trump was prompted to say, ''So far, I cannot "
        "believe how civil it's been up here.''"
    )
    assert speaker_of(body, "So far, I") == "Trump"


def test_a_quotation_after_a_multi_paragraph_one_floats_to_its_speaker() -> None:
    body = (
        "“One I would describe as a casual country club-like hate,” Sexton said. “Trump events "
        "are outlets for people to come out and engage in hatred.\n\n"
        "“There’s another side that’s kind of nihilistic,” Sexton said. “I don’t know if it was "
        "cathartic or symptomatic. But it was obvious.”"
    )
    assert speaker_of(body, "I don’t know") == "Sexton"


def test_a_quotation_never_closed_does_not_swallow_another_speakers() -> None:
    body = (
        "“It’s a dog whistle to all Americans,” Rep. Gwen Moore said Friday. “If indeed Barack "
        "Obama is not legitimate, how can you feel good about yourself.\n\n"
        "“I have been doing a lot of thinking recently about where we are as a country,” added "
        "Rep. Jim Clyburn, the assistant leader of the Democratic caucus."
    )
    assert speaker_of(body, "I have been") == "Jim Clyburn"


def test_a_described_role_goes_to_the_latest_speaker_not_a_name_in_passing() -> None:
    body = (
        "Trump made the comments Friday at the Kent County Republican headquarters.\n\n"
        "Mike Pence says too much is made of Donald Trump’s tweets.\n\n"
        "The Republican vice presidential nominee was speaking Friday in Fort Wayne, Indiana, "
        "hours after Trump unleashed a flurry of tweets.\n\n"
        "The Indiana governor said Democrats and the media are to blame for focusing on tweets."
    )
    assert speaker_of(body, "Democrats and the") == "Mike Pence"


def test_who_after_two_names_is_the_nearest() -> None:
    body = (
        "The ceremony featured celebrities like Oprah Winfrey, Patti LaBelle and Stevie Wonder, "
        "who joked of the museum, ''I haven't seen it yet, but I'm going to.''"
    )
    assert speaker_of(body, "I haven't seen") == "Stevie Wonder"


def test_an_age_before_the_name_and_an_appositive_after_it() -> None:
    body = (
        "76-year-old Morton Blackwell, founder of the Leadership Institute, endorsed Cruz last "
        "week, saying he “has the best chance.”"
    )
    assert speaker_of(body, "he “has the") == "Morton Blackwell"


def test_months_and_subordinators_never_name_anyone() -> None:
    body = (
        "A Feb. 1 letter from the American Legion warns that “the use of the emblem is not "
        "allowed.”\n\n"
        "Unless further rivals quit the race, ''it's very likely Mr. Trump is the nominee,'' "
        "said Steve Schmidt."
    )
    found = speakers(body)
    assert not {"Feb.", "Feb", "Unless"} & set(found.values())
    assert speaker_of(body, "it's very likely") == "Steve Schmidt"


def test_a_mention_made_only_of_a_suffix_resolves_without_error() -> None:
    from onrecord.attribution.mentions import Mention
    from onrecord.attribution.registry import Registry

    registry = Registry("Martin Luther King Jr. spoke on Monday.")
    assert registry.resolve(Mention(0, 3, "Jr.", "name")).entity is None


def test_a_named_campaign_speaks_as_an_organisation() -> None:
    body = (
        "Chastened by the analyses, as well as complaints from conservatives, the Trump "
        "campaign said it would focus more of its benefits on average Americans."
    )
    quote = next(q for q in extract(Article(id="a1", body=body)) if "benefits" in q.text)
    assert (quote.speaker, quote.speaker_kind) == ("Trump campaign", "organisation")


def test_a_titled_name_between_commas_keeps_its_title_apart() -> None:
    body = "The minister of the economy, Mr. Guajardo Villarreal, argues there is little point."
    quote = next(q for q in extract(Article(id="a1", body=body)) if "little point" in q.text)
    assert (quote.speaker, quote.speaker_as_written) == (
        "Guajardo Villarreal",
        "Mr. Guajardo Villarreal",
    )


def test_i_in_the_narration_is_the_author() -> None:
    body = "“I am not shy,” I said. “I have not been reluctant to express my views.”"
    signed = extract(Article(id="a1", body=body, author="Dinesh D’Souza"))
    unsigned = extract(Article(id="a1", body=body))
    assert [q.speaker for q in signed] == ["Dinesh D’Souza"]
    assert [q.speaker for q in unsigned] == [None]


def test_a_role_of_common_news_nouns_before_the_name() -> None:
    body = (
        "“The distraction gets you off message a little,” said Republican party boss Reince "
        "Priebus.\n\n"
        "“I don't know exactly where he stands on that,” said undecided Republican voter "
        "Stephanie Hooton of Derry, N.H., before the barn event."
    )
    assert speaker_of(body, "The distraction gets") == "Reince Priebus"
    assert speaker_of(body, "I don't know") == "Stephanie Hooton"


def test_a_secretary_of_state_before_a_name_is_a_role() -> None:
    body = (
        "Former Secretary of State and Democratic presidential candidate Hillary Clinton said "
        "that the United States must step up military efforts.\n\n"
        "Speaker of the House Paul Ryan said that Congress would act."
    )
    assert speaker_of(body, "the United States") == "Hillary Clinton"
    assert speaker_of(body, "Congress would act") == "Paul Ryan"


def test_a_described_speaker_then_the_name_between_commas() -> None:
    body = (
        "One superdelegate, Alabama Democratic Party chairwoman Nancy Worley, said that she "
        "would vote for Clinton.\n\n"
        "Another delegate, Michael Brown of Washington, D.C., explained that he would wait."
    )
    assert speaker_of(body, "she would vote") == "Nancy Worley"
    assert speaker_of(body, "he would wait") == "Michael Brown"


def test_the_group_is_the_organisation_just_named() -> None:
    body = (
        "The Chicago Teachers Union issued a statement on Monday.\n\n"
        "“For us, a strike is the last resort,” the group said in a statement."
    )
    quote = next(q for q in extract(Article(id="a1", body=body)) if "last resort" in q.text)
    assert (quote.speaker, quote.speaker_kind) == ("Chicago Teachers Union", "organisation")


def test_a_party_member_described_is_the_person_just_named() -> None:
    body = (
        "Sen. Bernie Sanders spoke in Des Moines on Monday.\n\n"
        "“It might surprise you,” the Vermont Democrat said.\n\n"
        "“I disagree,” House Speaker Paul Ryan said on Tuesday. “We will not let this "
        "pass,” said the Wisconsin Republican."
    )
    assert speaker_of(body, "It might surprise") == "Bernie Sanders"
    assert speaker_of(body, "We will not") == "Paul Ryan"


def test_will_say_after_a_quotation_gives_prepared_remarks() -> None:
    body = (
        "President Barack Obama will address the convention on Wednesday.\n\n"
        "“Nothing truly prepares you for the demands of the Oval Office,” the two-term "
        "president will say, according to excerpts."
    )
    assert speaker_of(body, "Nothing truly prepares") == "Barack Obama"


def test_a_roman_numeral_suffix_does_not_make_a_person_an_organisation() -> None:
    body = (
        "“Yes, I support Ted Cruz,” Brent Bozell III, founder of the Media Research Center, "
        "tells Breitbart News. William F. Buckley, Jr. was his uncle.\n\n"
        "“It’s clear cut that you are either with the establishment or with Ted Cruz,” "
        "Bozell says.\n\n"
        "“It is the Republican party that has disdain for conservatives,” he adds."
    )
    assert speaker_of(body, "It is the") == "Brent Bozell III"


def test_a_name_that_qualifies_a_role_is_not_the_next_he() -> None:
    body = (
        "Crenshaw could be the last judge confirmed this year.\n\n"
        "McConnell spokesman Don Stewart wouldn’t say when the Senate will vote.\n\n"
        "“I don’t have any new announcements yet,” he said."
    )
    assert speaker_of(body, "I don’t have") == "Don Stewart"


def test_a_place_after_an_opening_phrase_is_no_subject() -> None:
    body = (
        "At a Trump rally in Birmingham, Alabama, on Saturday, supporters punched a "
        "protester, with Donald Trump yelling: “Get him the hell out of here!”"
    )
    assert speaker_of(body, "Get him the") == "Donald Trump"


def test_names_in_the_words_a_quotation_continues_are_no_antecedents() -> None:
    body = (
        "Naureen Jahangir, a Sanders supporter from Hemet, is among those who will not back "
        "Hillary Clinton.\n\n"
        "Choosing between Clinton and Sanders is a “false choice,” she said.\n\n"
        "Democratic Sen. Claire McCaskill scolded Mr. Oz: “The scientific community is "
        "against you,” she said."
    )
    assert speaker_of(body, "false choice") == "Naureen Jahangir"
    assert speaker_of(body, "The scientific community") == "Claire McCaskill"


def test_a_person_at_an_outlet_speaks_not_the_outlet() -> None:
    body = (
        "Dan McLaughlin at the National Review agreed with Matthews about the winner.\n\n"
        "“If Pence’s goal was to make Kaine defend business as usual, he succeeded,” he wrote."
    )
    assert speaker_of(body, "If Pence’s goal") == "Dan McLaughlin"


def test_a_surname_that_is_also_a_word_is_a_name_after_said() -> None:
    body = (
        "City Council president Marty Small welcomed the visit.\n\n"
        "“It’s a positive story,” said Small, who attended the rally."
    )
    assert speaker_of(body, "It’s a positive") == "Marty Small"


def test_an_inverted_cue_between_commas_before_the_quotation() -> None:
    body = (
        "But, said Sam Solovey, “I don't want to drum up conflict.”\n\n"
        "Because of how Democrats crafted the schedule, explained Simon Rosenberg, “there’s "
        "a scenario where it’s hard to see how Hillary gets a lot of TV.”"
    )
    assert speaker_of(body, "I don't want") == "Sam Solovey"
    assert speaker_of(body, "there’s a scenario") == "Simon Rosenberg"


def test_two_titles_joined_by_and_before_the_name() -> None:
    body = (
        "“He’s reprising that role,” said former Pennsylvania Gov. and Democratic National "
        "Committee Chairman Ed Rendell."
    )
    assert speaker_of(body, "He’s reprising that") == "Ed Rendell"


def test_an_unnamed_source_close_to_someone_is_kept_as_described() -> None:
    body = "“The drop is attributable to the emails,” said a person close to the Clintons."
    quote = extract(Article(id="a1", body=body))[0]
    assert (quote.speaker, quote.speaker_kind) == ("a person close to the Clintons", "group")


def test_a_horizontal_bar_names_the_speaker_after_a_quotation() -> None:
    body = "”Fear. I am truly afraid that Donald Trump will win.” ― Edwin G. Monroy"
    assert speaker_of(body, "Fear. I am") == "Edwin G. Monroy"


def test_an_owned_campaign_is_not_another_organisation_named_campaign() -> None:
    body = (
        "“It's unusual,” said Larry Noble, an attorney with the Campaign Legal Center.\n\n"
        "Huckabee’s campaign said he hasn’t accepted any new speeches."
    )
    assert speaker_of(body, "he hasn’t accepted") == "Huckabee’s campaign"


def test_a_given_name_ending_in_ly_is_no_adverb() -> None:
    body = (
        "Carly Fiorina threw her support behind Sen. Ted Cruz on Wednesday.\n\n"
        "Fiorina was upfront about her distaste for Donald Trump.\n\n"
        "“There are other people in our party who are horrified by Donald Trump,” she said."
    )
    assert speaker_of(body, "There are other") == "Carly Fiorina"


def test_attributions_interrupted_by_dashes_and_opening_phrases() -> None:
    body = (
        "Jessie Elkins, 70, had served in Vietnam.\n\n"
        "Neither man was impressed by Mrs. Clinton - ''Born with a silver spoon in her "
        "mouth,'' Mr. Elkins said - but they couldn't back Mr. Trump.\n\n"
        "Back in 1999, Mr. Trump expressed admiration for Bill Clinton, telling CNBC: ''I wish "
        "I could be like that.''"
    )
    assert speaker_of(body, "Born with a") == "Jessie Elkins"
    assert speaker_of(body, "I wish I") == "Trump"


def test_quoted_as_saying_and_began_by_saying() -> None:
    body = (
        "Pollster Matt Braynard boasted about his method.\n\n"
        "“Our method succeeds where others fail,” Braynard is quoted as saying.\n\n"
        "Judge Richard Berman took a short recess. When he returned he began by saying, "
        "“I don’t think that it’s necessary for Mr. D’Souza to go to jail.”"
    )
    assert speaker_of(body, "Our method succeeds") == "Matt Braynard"
    assert speaker_of(body, "I don’t think") == "Richard Berman"


def test_a_quotation_after_a_sentence_about_the_speaker_floats_to_her() -> None:
    body = (
        "“You can't blame Hillary Clinton for what Bill Clinton did,” said Sara Walker, 44, a "
        "home-care aide from Nashua. An immigrant from Uganda who became a U.S. citizen in "
        "2013, she plans to cast her first ballot for Hillary Clinton. “All she went through "
        "and to make her a victim, it's not fair.”"
    )
    assert speaker_of(body, "All she went") == "Sara Walker"


def test_datelines_regions_and_time_phrases_are_no_speakers() -> None:
    body = (
        "Tuesday at Baldwin Wallace University in Berea, OH, after winning Ohio in the "
        "Republican primary, Gov. John Kasich (R-OH), said, “I’m getting ready to rent a "
        "covered wagon.”\n\n"
        "Hours later, Donald Trump returned the compliment to Sheldon Adelson, telling Reuters, "
        "“Sheldon and I have been friends for a long time.”\n\n"
        "As Andrew J. Tabler, an expert on Syria at the Washington Institute for Near East "
        "Policy, noted, “Everyone in the region is just waiting.”"
    )
    assert speaker_of(body, "I’m getting ready") == "John Kasich"
    assert speaker_of(body, "Sheldon and I") == "Donald Trump"
    assert speaker_of(body, "Everyone in the") == "Andrew J. Tabler"


def test_a_dateline_with_a_date_is_no_speaker() -> None:
    body = (
        "PHILADELPHIA, July 25 (UPI) — The Democratic National Committee issued “a deep and "
        "sincere apology” to Sen. Bernie Sanders on Monday."
    )
    assert speaker_of(body, "a deep and") == "Democratic National Committee"


def test_an_unnamed_speaker_described_with_a_phrase_keeps_it() -> None:
    body = (
        "The 30-second spot features a New York Times report.\n\n"
        "“You pay your taxes. So why didn’t Donald Trump pay his?” a narrator in the Clinton "
        "ad asks."
    )
    assert speaker_of(body, "You pay your") == "a narrator in the Clinton ad"


def test_a_title_case_headline_is_no_long_name() -> None:
    body = (
        "Why She Sees Reagan-like Qualities In Trump\n\n"
        "Phyllis Schlafly had been a strong supporter of the campaign.\n\n"
        "“Trump is the first candidate since Reagan who is comfortable,” she wrote."
    )
    assert speaker_of(body, "Trump is the") == "Phyllis Schlafly"


def test_an_object_introduced_with_an_appositive_does_not_take_the_next_he() -> None:
    body = (
        "George Zimmerman is selling the gun he used to kill Trayvon Martin, an unarmed black "
        "teenager, during a 2012 confrontation in Sanford, Florida.\n\n"
        "“I’m a free American,” he told Fox 35 in Orlando."
    )
    assert speaker_of(body, "I’m a free") == "George Zimmerman"


def test_an_unknown_gender_speaker_two_sentences_back_takes_the_next_she() -> None:
    body = (
        "Hillary Clinton has campaigned hard in California.\n\n"
        "Xiomara Romero, director of the California Civic Engagement Project, said young "
        "voters matter. Many of them vote by mail.\n\n"
        "“We think that these voters are particularly motivated,” she said."
    )
    assert speaker_of(body, "We think that") == "Xiomara Romero"


def test_the_object_before_a_participle_cue_is_not_the_speaker() -> None:
    body = (
        "Sen. Bernie Sanders met President Obama on Thursday. The Vermont senator emailed "
        "supporters saying: “The struggle continues, and we will fight on.”\n\n"
        "John Kasich says he’d be yelling at people on their way into the polls saying “Hey, "
        "vote for me, I am the one.”"
    )
    assert speaker_of(body, "The struggle continues,") == "Bernie Sanders"
    assert speaker_of(body, "Hey, vote for") == "John Kasich"


def test_a_relative_named_by_a_given_name_alone_speaks() -> None:
    body = (
        "Hillary Clinton leads the race. But his wife, Jane, offered a preview of the "
        "senator's thinking just before New Yorkers went to the polls.\n\n"
        "“If he's president, he wants to keep this movement going,” she said."
    )
    assert speaker_of(body, "If he's president,") == "Jane"


def test_a_state_before_a_role_is_no_town_suffix() -> None:
    body = (
        "Bernie Sanders campaigned in Columbia on Monday.\n\n"
        "Chris Covert, South Carolina director for Sanders, said the campaign has just opened "
        "its 11th field office in the state.\n\n"
        "“Time is always a challenge for us,” he said."
    )
    assert speaker_of(body, "Time is always") == "Chris Covert"


def test_a_social_network_is_an_organisation_not_the_next_he() -> None:
    body = (
        "Monique Dalle was traveling to Cairo, the church posted on Facebook. Dexter "
        "Wakefield, a minister with the church, told The Huffington Post that she was a "
        "regular. He said her family asked for privacy.\n\n"
        "“She’s a very pleasant and outgoing woman,” he added."
    )
    assert speaker_of(body, "She’s a very") == "Dexter Wakefield"


def test_an_object_pronoun_does_not_teach_the_subject_its_gender() -> None:
    body = (
        "FBI Director James B. Comey said the server was not secure.\n\n"
        "Mrs. Clinton has always maintained that the server was secure. President Obama "
        "backed her up in an interview last October. “I don't think it posed a national "
        "security problem,” he said."
    )
    assert speaker_of(body, "I don't think") == "Obama"


def test_a_sentence_led_by_a_pronoun_passes_its_person_on() -> None:
    body = (
        "“We are now going to make deals for your benefit,” Donald Trump said.\n\n"
        "Trump never mentioned Hillary Clinton.\n\n"
        "He nodded only obliquely to his second-place finish in Iowa behind Ted Cruz.\n\n"
        "“You know, we learned a lot about ground games in one week,” he said."
    )
    assert speaker_of(body, "You know, we") == "Donald Trump"


def test_long_described_roles_opening_words_and_a_noun_that_looks_like_a_cue() -> None:
    body = (
        "Sen. Bernie Sanders called upon the U.S. to press China.\n\n"
        "“China is equally concerned,” the independent Vermont senator and Democratic "
        "presidential candidate told ABC.\n\n"
        "Ever since Bernie Sanders announced his candidacy, he has said the same thing at "
        "every rally: “It's not about me, it's about us.”\n\n"
        "Donald Trump won on Thursday. On Friday, he joined other Republicans in pouncing on "
        "the news, saying in a Trumpian post on Twitter: “The new email release is a disaster.”"
    )
    assert speaker_of(body, "China is equally") == "Bernie Sanders"
    assert speaker_of(body, "It's not about") == "Bernie Sanders"
    assert speaker_of(body, "The new email") == "Donald Trump"


def test_mixed_case_datelines_particle_names_and_who_after_a_dash() -> None:
    body = (
        "Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Donald Trump, "
        "saying that “bombastic comments” do more harm than good.\n\n"
        "The cleric Anwar al-Awlaki, who was killed in 2011, is shown lecturing: “Muslims of "
        "the West, take heed and learn from the lessons of history.”\n\n"
        "GOP front-runner Donald Trump - who previously said he would “bomb” the oil fields - "
        "said at a rally that the border should close."
    )
    assert speaker_of(body, "“bombastic comments” do") == "Hillary Clinton"
    assert speaker_of(body, "Muslims of the") == "Anwar al-Awlaki"
    assert speaker_of(body, "he would “bomb”") == "Donald Trump"


def test_names_after_a_pronoun_subject_learn_no_gender_from_it() -> None:
    body = (
        "Christyn Gionfriddo, a 2009 Centenary College graduate, is saddled with debt. At 29 "
        "years old, she still lives in her childhood bedroom, walls plastered with Dirty "
        "Dancing posters from her tween years. She also works on Saturdays.\n\n"
        "“Who wants to live at home at 29?” she said."
    )
    assert speaker_of(body, "Who wants to") == "Christyn Gionfriddo"


def test_like_opening_a_sentence_is_no_name() -> None:
    body = (
        "Mike Allen starts work before dawn. Like Allen, their days begin at 4:30 a.m.\n\n"
        "“We like to work,” he told me."
    )
    assert speaker_of(body, "We like to") == "Mike Allen"


def test_a_time_zone_is_no_organisation() -> None:
    body = (
        "The email was sent at 7:19 p.m. EST, more than three hours after the attack.\n\n"
        "“I just tried you on the phone but you were all in with S,” it reads."
    )
    assert speaker_of(body, "I just tried") is None


def test_a_headline_of_the_form_name_on_topic_colon_quote() -> None:
    body = (
        "Gillibrand on Hillary Releasing Her Goldman Sachs Speech Transcripts: ‘I Think She "
        "Will.’\n\n"
        "On Friday, Sen. Kristen Gillibrand said she expects Clinton to release them."
    )
    assert speaker_of(body, "I Think She") == "Kristen Gillibrand"


def test_the_issuer_of_a_statement_speaks_not_the_statement() -> None:
    body = (
        "Later, Trump's campaign released a statement saying it was postponing a Monday "
        "evening rally.\n\n"
        "Ivanka Trump issued a statement Tuesday saying “G-III has distinguished itself as a "
        "trusted partner.”"
    )
    quotes = extract(Article(id="a1", body=body))
    found = {q.text.split()[0]: (q.speaker, q.speaker_kind) for q in quotes}
    assert found["it"] == ("Trump's campaign", "organisation")
    assert found["G-III"][0] == "Ivanka Trump"


def test_a_time_adjunct_between_the_subject_and_the_cue() -> None:
    body = (
        "Donald Trump backed away from the suggestion. Trump at the time said he’d asked his "
        "people to look into paying the fees.\n\n"
        "Barack Obama last week said that the deal was done."
    )
    assert speaker_of(body, "he’d asked his") == "Donald Trump"
    assert speaker_of(body, "the deal was") == "Barack Obama"


def test_an_outlet_whose_name_ends_in_a_cue_word_is_registered() -> None:
    body = (
        "The Washington Post noted that author Edward Klein was seen with Trump. The Post "
        "reported that Klein said he was gathering material.\n\n"
        "It added, “the visit with Klein comes as Trump promises to debut new attacks.”"
    )
    assert speaker_of(body, "the visit with") == "Washington Post"
